"""The inventory's pages, under /inventory/."""

from django.urls import path

from parure.inventory.counts.urls import urlpatterns as count_urlpatterns
from parure.inventory.views import custody, intake, items, ledger, places

app_name = "inventory"

urlpatterns = [
    path("", items.items, name="items"),
    path("items/<str:stock_number>/", items.item, name="item"),
    path("items/<str:stock_number>/edit/", items.item_edit, name="item_edit"),
    path("items/<str:stock_number>/tags.pdf", items.item_labels, name="item_labels"),
    path("items/<str:stock_number>/move/", custody.item_move, name="item_move"),
    path("items/<str:stock_number>/check-out/", custody.item_check_out, name="item_check_out"),
    path("items/<str:stock_number>/return/", custody.item_return, name="item_return"),
    path("items/<str:stock_number>/transfer/", custody.item_transfer, name="item_transfer"),
    path("items/<str:stock_number>/receive/", custody.item_receive, name="item_receive"),
    path("items/<str:stock_number>/release/", custody.item_release, name="item_release"),
    path("items/<str:stock_number>/count-adjustment/", custody.item_count_adjust, name="item_count_adjust"),
    path("items/<str:stock_number>/events/<int:seq>/correct/", custody.event_correct, name="event_correct"),
    path("batch/", custody.batch, name="batch"),
    path("batch/scan/", custody.batch_scan, name="batch_scan"),
    path("transfers/", custody.transfers, name="transfers"),
    path("overdue/", custody.overdue, name="overdue"),
    path("intake/", intake.intake, name="intake"),
    path("intake/consignors/", intake.consignor_options, name="consignor_options"),
    path("consignments/", intake.consignments, name="consignments"),
    path("consignments/<str:number>/", intake.consignment, name="consignment"),
    path("consignments/<str:number>/add/", intake.consignment_add, name="consignment_add"),
    path("consignments/<str:number>/terms/", intake.consignment_terms, name="consignment_terms"),
    path(
        "consignments/<str:number>/receipt/v<int:version>.pdf", intake.consignment_receipt, name="consignment_receipt"
    ),
    path("consignments/<str:number>/tags.pdf", intake.consignment_labels, name="consignment_labels"),
    path("tags/jobs/<int:job_id>.pdf", intake.job_tags, name="job_tags"),
    path("consignments/<str:number>/return/", intake.release_prepare, name="release_prepare"),
    path("release-receipts/<str:number>/", intake.release_receipt, name="release_receipt"),
    path("release-receipts/<str:number>/cancel/", intake.release_receipt_cancel, name="release_receipt_cancel"),
    path("release-receipts/<str:number>/receipt.pdf", intake.release_receipt_pdf, name="release_receipt_pdf"),
    path("places/", places.locations, name="locations"),
    path("places/new/", places.location_new, name="location_new"),
    path("places/<int:location_id>/", places.location, name="location"),
    path("places/<int:location_id>/labels.pdf", places.location_label, name="location_label"),
    path("settings/", places.custody_settings, name="settings"),
    path("settings/labels/new/", places.label_profile_edit, name="label_profile_new"),
    path("settings/labels/<int:profile_id>/", places.label_profile_edit, name="label_profile"),
    path("ledger/", ledger.ledger, name="ledger"),
    path("ledger/verify/", ledger.ledger_verify, name="ledger_verify"),
]

urlpatterns += count_urlpatterns
