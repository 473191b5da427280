from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "parure.catalogue"
    label = "catalogue"
    verbose_name = "Catalogue"

    def ready(self) -> None:
        from parure.catalogue import hooks

        hooks.register()
