from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "parure.catalogue"
    label = "catalogue"
