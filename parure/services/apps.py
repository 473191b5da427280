from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "parure.services"
    label = "services"
