"""The auctions' pages, under /auctions/. Each area of the app keeps its own patterns in its views
module; this list puts them together."""

from django.urls import URLPattern, URLResolver

from parure.auctions.views import sales

app_name = "auctions"

urlpatterns: list[URLPattern | URLResolver] = []
urlpatterns += sales.urlpatterns

# --- Results and the check ---
from parure.auctions.views import results as results_views  # noqa: E402

urlpatterns += results_views.urlpatterns
