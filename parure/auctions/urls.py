"""The auctions' pages, under /auctions/. Each area of the app keeps its own patterns in its views
module; this list puts them together. A sale's pages live under /auctions/sales/<code>/: its lots,
bidders, bids and telephone sheet, documents, the clerk's screen and board, results and the check."""

from django.urls import URLPattern, URLResolver, include, path

from parure.auctions.views import bids, clerking, documents, lots, registrations, results, sales, tables

app_name = "auctions"

urlpatterns: list[URLPattern | URLResolver] = []
urlpatterns += sales.urlpatterns
urlpatterns += lots.urlpatterns
urlpatterns += tables.urlpatterns
# The areas that name their patterns from the sale's code on, mounted under sales/.
urlpatterns += [
    path("sales/", include(registrations.urlpatterns)),
    path("sales/", include(bids.urlpatterns)),
    path("sales/", include(documents.urlpatterns)),
    path("sales/", include(results.urlpatterns)),
    path("sales/", include(clerking.urlpatterns)),
]
