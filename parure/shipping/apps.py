"""shipping: shipments out of the house by carrier or by hand, their packing, insurance, custody and
customs documents (docs/shipping.md)."""

from django.apps import AppConfig


class ShippingConfig(AppConfig):
    name = "parure.shipping"
    label = "shipping"
    verbose_name = "Shipping"

    def ready(self) -> None:
        from parure.shipping import hooks

        hooks.register()
