"""The data every sale starts from: the standard increment ladder (made by code, so it has no bands)
and the house's buyer's premium schedule (27% of the hammer up to 1,000,000, 22% of the part above up
to 6,000,000, 15% above that), both editable by seniors."""

from datetime import date
from decimal import Decimal

from django.db import migrations


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    IncrementTable = apps.get_model("auctions", "IncrementTable")
    PremiumSchedule = apps.get_model("auctions", "PremiumSchedule")
    PremiumBand = apps.get_model("auctions", "PremiumBand")
    IncrementTable.objects.get_or_create(
        code="standard",
        defaults={
            "name": "Standard increments",
            "standard": True,
            "effective_from": date(2000, 1, 1),
            "notes": "Per decade: 1s from 10 to 19; 2s from 20 to 28; 30, 32, 35, 38, 40, 42, 45, 48; 5s from 50 to 95.",
        },
    )
    schedule, made = PremiumSchedule.objects.get_or_create(
        code="house-2026", defaults={"name": "Buyer's premium 2026", "effective_from": date(2026, 1, 1)}
    )
    if made:
        for threshold, rate in (("0", "0.27"), ("1000000", "0.22"), ("6000000", "0.15")):
            PremiumBand.objects.create(schedule=schedule, threshold=Decimal(threshold), rate=Decimal(rate))


class Migration(migrations.Migration):
    dependencies = [("auctions", "0001_sales_lots_bids_results")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
