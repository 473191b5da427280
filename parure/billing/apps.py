from django.apps import AppConfig


class BillingConfig(AppConfig):
    name = "parure.billing"
    label = "billing"
