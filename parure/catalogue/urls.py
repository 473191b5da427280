"""The catalogue's pages, under /catalogue/. Each area of the app keeps its own patterns in its
views module; this list puts them together."""

from django.urls import URLPattern, URLResolver

from parure.catalogue.views import certificates, condition, copy, photography, records, search

app_name = "catalogue"

urlpatterns: list[URLPattern | URLResolver] = []
urlpatterns += records.urlpatterns
urlpatterns += certificates.urlpatterns
urlpatterns += search.urlpatterns
urlpatterns += copy.urlpatterns
urlpatterns += photography.urlpatterns
urlpatterns += condition.urlpatterns
