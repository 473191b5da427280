"""The auctions' pages, under /auctions/. Each area of the app keeps its own patterns in its views
module; this list puts them together."""

from django.urls import URLPattern, URLResolver

from parure.auctions.views import (
    clerking,  # Clerking and the board
    sales,
)

app_name = "auctions"

urlpatterns: list[URLPattern | URLResolver] = []
urlpatterns += sales.urlpatterns
urlpatterns += clerking.urlpatterns  # Clerking and the board
