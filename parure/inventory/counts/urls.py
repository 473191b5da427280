"""The count pages, included in the inventory's URLs (namespace ``inventory``)."""

from django.urls import path

from parure.inventory.counts import views

urlpatterns = [
    path("counts/", views.counts, name="counts"),
    path("counts/new/", views.count_new, name="count_new"),
    path("counts/due/", views.counts_due, name="counts_due"),
    path("counts/intervals/", views.count_intervals, name="count_intervals"),
    path("counts/accountability/", views.accountability, name="accountability"),
    path("counts/<int:session_id>/", views.count, name="count_session"),
    path("counts/<int:session_id>/scan/", views.count_scan, name="count_scan"),
    path("counts/<int:session_id>/import/", views.count_import, name="count_import"),
    path("counts/<int:session_id>/finish/", views.count_finish, name="count_finish"),
    path("counts/<int:session_id>/reconciliation/", views.count_reconciliation, name="count_reconciliation"),
    path(
        "counts/<int:session_id>/discrepancies/<int:discrepancy_id>/resolve/",
        views.count_resolve,
        name="count_resolve",
    ),
    path("counts/<int:session_id>/sign-off/", views.count_sign_off, name="count_sign_off"),
    path("counts/<int:session_id>/report.pdf", views.count_report_pdf, name="count_report_pdf"),
    path("counts/<int:session_id>/report.xlsx", views.count_report_xlsx, name="count_report_xlsx"),
]
