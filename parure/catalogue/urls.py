"""The catalogue's pages, under /catalogue/. Each area of the app keeps its own patterns in its
views module; this list puts them together."""

from django.urls import URLPattern, URLResolver

from parure.catalogue.views import condition

app_name = "catalogue"

urlpatterns: list[URLPattern | URLResolver] = []
urlpatterns += condition.urlpatterns
