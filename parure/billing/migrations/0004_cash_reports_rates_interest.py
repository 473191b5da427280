"""Reporting exchange rates, the anti-money-laundering cash reports and their payments, late-payment
interest charges. Rates, report lines and interest charges are append-only (core's ``AppendOnly``)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from parure.core.db import AppendOnly


class Migration(migrations.Migration):

    dependencies = [
        ('billing', '0003_reconciliation'),
        ('clients', '0003_client_search_trigram_index'),
        ('core', '0004_shared_cache_table'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CashReport',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('report_name', models.CharField(max_length=120)),
                ('jurisdiction', models.CharField(max_length=4)),
                ('payer', models.JSONField(default=dict)),
                ('limit', models.DecimalField(decimal_places=2, max_digits=14)),
                ('currency', models.CharField(help_text="The limit's currency; the total is in it.", max_length=3)),
                ('total', models.DecimalField(decimal_places=3, max_digits=16)),
                ('window_from', models.DateField(help_text='The first day of the window the payments were added over.')),
                ('due_on', models.DateField()),
                ('status', models.CharField(choices=[('to_file', 'To file'), ('filed', 'Filed')], default='to_file', max_length=8)),
                ('filing_reference', models.CharField(blank=True, max_length=140)),
                ('filed_at', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('client', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='cash_reports', to='clients.client')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('filed_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('office', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='cash_reports', to='core.office')),
                ('payment', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='cash_report', to='billing.payment')),
            ],
            options={
                'ordering': ['status', 'due_on', 'id'],
            },
        ),
        migrations.CreateModel(
            name='CashReportPayment',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('received_on', models.DateField()),
                ('amount', models.DecimalField(decimal_places=3, help_text="In the payment's currency.", max_digits=16)),
                ('currency', models.CharField(max_length=3)),
                ('rate', models.DecimalField(blank=True, decimal_places=8, max_digits=16, null=True)),
                ('converted', models.DecimalField(decimal_places=3, help_text="In the limit's currency.", max_digits=16)),
                ('payment', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='cash_report_lines', to='billing.payment')),
                ('report', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='lines', to='billing.cashreport')),
            ],
            options={
                'ordering': ['report', 'received_on', 'payment_id'],
            },
        ),
        migrations.CreateModel(
            name='InterestCharge',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('period_from', models.DateField(help_text='Interest runs from the day after this one.')),
                ('period_to', models.DateField()),
                ('days', models.PositiveIntegerField()),
                ('rate', models.DecimalField(decimal_places=5, max_digits=7)),
                ('balance', models.DecimalField(decimal_places=3, max_digits=16)),
                ('amount', models.DecimalField(decimal_places=3, max_digits=16)),
                ('at', models.DateTimeField(default=django.utils.timezone.now)),
                ('by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('charges', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='interest_lines_for', to='billing.invoice')),
                ('invoice', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='interest_charges', to='billing.invoice')),
                ('line', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='interest_charge', to='billing.invoiceline')),
            ],
            options={
                'ordering': ['invoice', 'period_from'],
            },
        ),
        migrations.CreateModel(
            name='ReportingRate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField()),
                ('currency', models.CharField(max_length=3)),
                ('quote', models.CharField(help_text="The currency the rate is quoted in: the cash limit's.", max_length=3)),
                ('rate', models.DecimalField(decimal_places=8, max_digits=16)),
                ('source', models.CharField(blank=True, help_text='Where the rate comes from, e.g. ECB reference.', max_length=140)),
                ('reason', models.CharField(blank=True, help_text='For a correction: why.', max_length=500)),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('corrects', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='corrected_by', to='billing.reportingrate')),
                ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-day', 'currency', 'quote', '-recorded_at', '-id'],
            },
        ),
        migrations.AddConstraint(
            model_name='cashreport',
            constraint=models.CheckConstraint(condition=models.Q(('status', 'to_file'), models.Q(('filing_reference', ''), _negated=True), _connector='OR'), name='filed_cash_report_has_reference'),
        ),
        migrations.AddConstraint(
            model_name='cashreportpayment',
            constraint=models.UniqueConstraint(fields=('payment',), name='cash_payment_reported_once'),
        ),
        migrations.AddConstraint(
            model_name='interestcharge',
            constraint=models.UniqueConstraint(fields=('invoice', 'period_from'), name='interest_period_charged_once'),
        ),
        migrations.AddConstraint(
            model_name='interestcharge',
            constraint=models.CheckConstraint(condition=models.Q(('period_to__gt', models.F('period_from'))), name='interest_period_rises'),
        ),
        migrations.AddIndex(
            model_name='reportingrate',
            index=models.Index(fields=['day', 'currency', 'quote'], name='billing_rep_day_872a82_idx'),
        ),
        migrations.AddConstraint(
            model_name='reportingrate',
            constraint=models.CheckConstraint(condition=models.Q(('rate__gt', 0)), name='reporting_rate_positive'),
        ),
        migrations.AddConstraint(
            model_name='reportingrate',
            constraint=models.CheckConstraint(condition=models.Q(('currency', models.F('quote')), _negated=True), name='reporting_rate_two_currencies'),
        ),
        AppendOnly("ReportingRate"),
        AppendOnly("CashReportPayment"),
        AppendOnly("InterestCharge"),
    ]
