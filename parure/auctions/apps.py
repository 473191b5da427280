from django.apps import AppConfig


class AuctionsConfig(AppConfig):
    name = "parure.auctions"
    label = "auctions"
    verbose_name = "Auctions"

    def ready(self) -> None:
        from parure.auctions import hooks

        hooks.register()
