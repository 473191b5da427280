from django.apps import AppConfig


class AuctionsConfig(AppConfig):
    name = "parure.auctions"
    label = "auctions"
