"""The auctions' pages, under /auctions/. Each area of the app keeps its own patterns in its views
module; this list puts them together."""

from django.urls import URLPattern, URLResolver

from parure.auctions.views import registrations as bidders_views
from parure.auctions.views import sales
from parure.auctions.views.lots import urlpatterns as lot_patterns
from parure.auctions.views.tables import urlpatterns as table_patterns

app_name = "auctions"

urlpatterns: list[URLPattern | URLResolver] = []
urlpatterns += sales.urlpatterns
urlpatterns += bidders_views.urlpatterns

# --- Bids ---
from parure.auctions.views import bids as bid_views  # noqa: E402

urlpatterns += bid_views.urlpatterns
# --- Sales and lots ---
urlpatterns += lot_patterns
urlpatterns += table_patterns
