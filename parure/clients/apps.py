from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "parure.clients"
    label = "clients"
    verbose_name = "Client book"

    def ready(self) -> None:
        from parure.clients import hooks

        hooks.register()
