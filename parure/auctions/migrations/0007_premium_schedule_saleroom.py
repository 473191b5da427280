"""Premium schedules belong to a saleroom and a currency, and may send piece categories to another
schedule (exclusions). A schedule sales already use takes their saleroom and currency; one that sales of
several salerooms or currencies use is copied once for each further pair (``<code>-<office>-<currency>``,
lower case) and those sales point at their copy, bands and all, so every figure stays what it was. A
schedule no sale uses keeps no saleroom until someone gives it one; no sale can use it before then."""

import django.db.models.deletion
from django.db import migrations, models


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    PremiumSchedule = apps.get_model("auctions", "PremiumSchedule")
    PremiumBand = apps.get_model("auctions", "PremiumBand")
    Sale = apps.get_model("auctions", "Sale")
    Office = apps.get_model("core", "Office")
    for schedule in PremiumSchedule.objects.order_by("pk"):
        pairs = list(
            Sale.objects.filter(premium_schedule=schedule)
            .order_by("office_id", "currency")
            .values_list("office_id", "currency")
            .distinct()
        )
        if not pairs:
            continue
        (office_id, currency), *others = pairs
        schedule.office_id, schedule.currency = office_id, currency
        schedule.save(update_fields=["office", "currency"])
        for other_office, other_currency in others:
            office = Office.objects.get(pk=other_office)
            copy = PremiumSchedule.objects.create(
                code=f"{schedule.code}-{office.code}-{other_currency}".lower()[:40],
                name=schedule.name,
                office_id=other_office,
                currency=other_currency,
                effective_from=schedule.effective_from,
                effective_to=schedule.effective_to,
                notes=schedule.notes,
                updated_at=schedule.updated_at,
                updated_by_id=schedule.updated_by_id,
            )
            PremiumBand.objects.bulk_create(
                PremiumBand(schedule=copy, threshold=band.threshold, rate=band.rate)
                for band in PremiumBand.objects.filter(schedule=schedule)
            )
            Sale.objects.filter(premium_schedule=schedule, office_id=other_office, currency=other_currency).update(
                premium_schedule=copy
            )


class Migration(migrations.Migration):

    dependencies = [
        ('auctions', '0006_lot_tax_status'),
        ('core', '0004_shared_cache_table'),
    ]

    operations = [
        migrations.AddField(
            model_name='premiumschedule',
            name='currency',
            field=models.CharField(blank=True, max_length=3),
        ),
        migrations.AddField(
            model_name='premiumschedule',
            name='office',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='premium_schedules', to='core.office'),
        ),
        migrations.CreateModel(
            name='PremiumExclusion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('category', models.CharField(help_text="The inventory's piece category: watch, loose_stone…", max_length=16)),
                ('applies', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='applied_for', to='auctions.premiumschedule')),
                ('schedule', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='exclusions', to='auctions.premiumschedule')),
            ],
            options={
                'ordering': ['schedule', 'category'],
                'constraints': [models.UniqueConstraint(fields=('schedule', 'category'), name='premium_exclusion_category_once'), models.CheckConstraint(condition=models.Q(('schedule', models.F('applies')), _negated=True), name='premium_exclusion_not_itself')],
            },
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
