from django.apps import AppConfig


class ClientsConfig(AppConfig):
    name = "parure.clients"
    label = "clients"
