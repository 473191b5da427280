"""Billing's pages, under /billing/. Each area keeps its own patterns in its views module; this list
puts them together: invoices and payments, the release desk, the cash rules and interest, consignor
settlements and private sales, reconciliation and the books."""

from django.urls import URLPattern, URLResolver

from parure.billing.views import cash, desk, invoices, reconciliation, settlements

app_name = "billing"

urlpatterns: list[URLPattern | URLResolver] = []
urlpatterns += invoices.urlpatterns
urlpatterns += desk.urlpatterns
urlpatterns += cash.urlpatterns
urlpatterns += settlements.urlpatterns
urlpatterns += reconciliation.urlpatterns
