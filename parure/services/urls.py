"""The services' pages, under /services/: each area keeps its own patterns in its views module."""

from django.urls import URLPattern, URLResolver

from parure.services.aftercare import views as aftercare
from parure.services.labs import views as labs
from parure.services.projects import views as projects
from parure.services.repairs import views as repairs

app_name = "services"

urlpatterns: list[URLPattern | URLResolver] = []
urlpatterns += repairs.urlpatterns
urlpatterns += aftercare.urlpatterns
urlpatterns += labs.urlpatterns
urlpatterns += projects.urlpatterns
