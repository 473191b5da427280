"""The laboratories whose reports the department meets, as data (the administrators add others).

Each name is the laboratory's own, as it prints it on its reports and site; the country is that
of its head laboratory.
"""

from typing import Any

from django.db import migrations

LABORATORIES = [
    ("AGL", "American Gemological Laboratories", "US"),
    ("AIGS", "Asian Institute of Gemological Sciences", "TH"),
    ("CDC", "C. Dunaigre Consulting", "CH"),
    ("CGL", "Central Gem Laboratory", "JP"),
    ("CISGEM", "CISGEM Laboratorio di Analisi Gemmologiche, Milano", "IT"),
    ("DSEF", "DSEF German Gem Lab", "DE"),
    ("GIA", "Gemological Institute of America", "US"),
    ("GIT", "The Gem and Jewelry Institute of Thailand", "TH"),
    ("GRS", "GRS GemResearch Swisslab", "CH"),
    ("Gübelin", "Gübelin Gem Lab", "CH"),
    ("HRD", "HRD Antwerp", "BE"),
    ("IGI", "International Gemological Institute", "BE"),
    ("LFG", "Laboratoire Français de Gemmologie", "FR"),
    ("Lotus", "Lotus Gemology", "TH"),
    ("SSEF", "Swiss Gemmological Institute SSEF", "CH"),
]


def add_laboratories(apps: Any, schema_editor: Any) -> None:
    Laboratory = apps.get_model("catalogue", "Laboratory")
    for code, name, country in LABORATORIES:
        Laboratory.objects.update_or_create(code=code, defaults={"name": name, "country": country, "active": True})


def remove_laboratories(apps: Any, schema_editor: Any) -> None:
    Laboratory = apps.get_model("catalogue", "Laboratory")
    Laboratory.objects.filter(code__in=[code for code, _, _ in LABORATORIES], certificates__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0002_certificates")]

    operations = [migrations.RunPython(add_laboratories, remove_laboratories)]
