from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "parure.research"
    label = "research"
