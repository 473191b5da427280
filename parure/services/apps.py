"""services: repairs with bench jewelers, post-sale services, gem-lab submissions and custom design
projects (docs/services.md)."""

from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "parure.services"
    label = "services"
    verbose_name = "Services"

    def ready(self) -> None:
        from parure.services import hooks

        hooks.register()
