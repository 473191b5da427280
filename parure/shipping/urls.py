"""Shipping's pages, under /shipping/: each area keeps its own patterns in its views module."""

from django.urls import URLPattern, URLResolver

from parure.shipping.carriers import views as carriers
from parure.shipping.compliance import views as compliance
from parure.shipping.shipments import paper_views as papers
from parure.shipping.shipments import views as shipments

app_name = "shipping"

urlpatterns: list[URLPattern | URLResolver] = []
urlpatterns += papers.urlpatterns
urlpatterns += shipments.urlpatterns
urlpatterns += carriers.urlpatterns
urlpatterns += compliance.urlpatterns
