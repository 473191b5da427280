from django.apps import AppConfig


class InventoryConfig(AppConfig):
    name = "parure.inventory"
    label = "inventory"
    verbose_name = "Inventory and custody"

    def ready(self) -> None:
        from parure.inventory import checks, hooks  # noqa: F401 - checks register themselves
        from parure.inventory.counts import hooks as count_hooks

        hooks.register()
        count_hooks.register()
