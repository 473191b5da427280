from django.apps import AppConfig


class ShippingConfig(AppConfig):
    name = "parure.shipping"
    label = "shipping"
