from django.urls import path

from parure.research import views

app_name = "research"

urlpatterns = [
    path("gemology/", views.gemology, name="gemology"),
    path("gemology/weight/", views.weight, name="gemology_weight"),
    path("gemology/identify/", views.identify, name="gemology_identify"),
    path("gemology/metals/", views.metals, name="gemology_metals"),
    path("gemology/grades/", views.grades, name="gemology_grades"),
    path("gemology/periods/", views.periods, name="gemology_periods"),
    path("gemology/ring-sizes/", views.ring_sizes, name="gemology_ring_sizes"),
]
