from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "parure.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from parure.core import hooks

        hooks.register()
