from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "parure.inventory"
    label = "inventory"
