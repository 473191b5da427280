"""billing: buyer invoices, payments, client credit and refunds (docs/billing.md)."""

from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "parure.billing"
    label = "billing"
    verbose_name = "Billing"

    def ready(self) -> None:
        from parure.billing import hooks

        hooks.register()
