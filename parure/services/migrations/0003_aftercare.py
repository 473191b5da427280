"""Post-sale orders and their history (append-only)."""

import django.db.models.deletion
import django.utils.timezone
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models

from parure.core.db import AppendOnly


class Migration(migrations.Migration):

    dependencies = [
        ('clients', '0004_payout_and_tax_forms'),
        ('core', '0004_shared_cache_table'),
        ('inventory', '0010_item_client_own'),
        ('services', '0002_repairs'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AftercareOrder',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.CharField(max_length=24, unique=True)),
                ('kind', models.CharField(choices=[('resizing', 'Ring resizing'), ('engraving', 'Engraving'), ('appraisal', 'Updated appraisal'), ('certificate', 'Certificate update')], max_length=12)),
                ('status', models.CharField(choices=[('ordered', 'Ordered'), ('proof_sent', 'Proof sent'), ('proof_approved', 'Proof approved'), ('at_bench', 'At the bench'), ('done', 'Done'), ('delivered', 'Delivered'), ('cancelled', 'Cancelled')], default='ordered', max_length=16)),
                ('stock_number', models.CharField(max_length=20)),
                ('sold_stock_number', models.CharField(blank=True, max_length=20)),
                ('piece_title', models.CharField(max_length=200)),
                ('sale_invoice_number', models.CharField(max_length=24)),
                ('due_on', models.DateField()),
                ('currency', models.CharField(max_length=3)),
                ('charge', models.DecimalField(decimal_places=2, default=Decimal('0'), max_digits=12)),
                ('charge_invoice_number', models.CharField(blank=True, max_length=24)),
                ('notes', models.TextField(blank=True)),
                ('size_system', models.CharField(blank=True, choices=[('US', 'US and Canada'), ('UK', 'UK and Australia (letters)'), ('EU', 'EU / ISO 8653 (inner circumference, mm)')], max_length=2)),
                ('current_size', models.CharField(blank=True, max_length=8)),
                ('current_circumference_mm', models.DecimalField(blank=True, decimal_places=2, max_digits=5, null=True)),
                ('target_size', models.CharField(blank=True, max_length=8)),
                ('target_circumference_mm', models.DecimalField(blank=True, decimal_places=2, max_digits=5, null=True)),
                ('setting', models.CharField(blank=True, choices=[('plain', 'Plain band or signet'), ('solitaire', 'Solitaire or cluster (claw or bezel head)'), ('half_hoop', 'Half hoop or three-stone'), ('channel', 'Channel or pavé set on the shoulders'), ('eternity', 'Full eternity band'), ('tension', 'Tension setting')], max_length=12)),
                ('acknowledged_warnings', models.TextField(blank=True)),
                ('engraving_text', models.CharField(blank=True, max_length=120)),
                ('font_style', models.CharField(blank=True, choices=[('script', 'Script'), ('roman', 'Roman capitals'), ('block', 'Block (sans-serif)'), ('old_english', 'Old English'), ('monogram', 'Monogram')], max_length=12)),
                ('engraving_side', models.CharField(blank=True, choices=[('inside', 'Inside the band'), ('outside', 'Outside the band')], max_length=8)),
                ('engraving_position', models.CharField(blank=True, choices=[('centred', 'Centred opposite the head'), ('under_head', 'Under the head'), ('full_circle', 'All the way round')], max_length=12)),
                ('band_width_mm', models.DecimalField(blank=True, decimal_places=1, max_digits=4, null=True)),
                ('character_limit', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('proof_approved_by', models.CharField(blank=True, help_text='Who approved the proof for the client.', max_length=200)),
                ('proof_approved_at', models.DateTimeField(blank=True, null=True)),
                ('proof_method', models.CharField(blank=True, choices=[('in_person', 'In person, signed'), ('email', 'By e-mail'), ('telephone', 'By telephone, read back')], max_length=12)),
                ('appraised_value', models.DecimalField(blank=True, decimal_places=2, max_digits=14, null=True)),
                ('appraisal_effective_on', models.DateField(blank=True, null=True)),
                ('laboratory', models.CharField(blank=True, help_text="The laboratory's code, e.g. GIA.", max_length=20)),
                ('report_number', models.CharField(blank=True, max_length=40)),
                ('updated_report_number', models.CharField(blank=True, max_length=40)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('updated_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('appraiser', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('bench', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='inventory.location')),
                ('buyer', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='clients.client')),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('item', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='inventory.item')),
                ('office', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.office')),
                ('proof_recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['due_on', 'number'],
            },
        ),
        migrations.CreateModel(
            name='AftercareEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('seq', models.PositiveIntegerField()),
                ('from_status', models.CharField(blank=True, choices=[('ordered', 'Ordered'), ('proof_sent', 'Proof sent'), ('proof_approved', 'Proof approved'), ('at_bench', 'At the bench'), ('done', 'Done'), ('delivered', 'Delivered'), ('cancelled', 'Cancelled')], max_length=16)),
                ('to_status', models.CharField(choices=[('ordered', 'Ordered'), ('proof_sent', 'Proof sent'), ('proof_approved', 'Proof approved'), ('at_bench', 'At the bench'), ('done', 'Done'), ('delivered', 'Delivered'), ('cancelled', 'Cancelled')], max_length=16)),
                ('at', models.DateTimeField(default=django.utils.timezone.now)),
                ('note', models.CharField(blank=True, max_length=500)),
                ('by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('order', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='events', to='services.aftercareorder')),
            ],
            options={
                'ordering': ['order', 'seq'],
            },
        ),
        migrations.AddIndex(
            model_name='aftercareorder',
            index=models.Index(fields=['office', 'status', 'due_on'], name='aftercare_office_status_due'),
        ),
        migrations.AddIndex(
            model_name='aftercareorder',
            index=models.Index(fields=['item', 'status'], name='aftercare_item_status'),
        ),
        migrations.AddConstraint(
            model_name='aftercareorder',
            constraint=models.CheckConstraint(condition=models.Q(('charge__gte', 0)), name='aftercare_charge_not_negative'),
        ),
        migrations.AddConstraint(
            model_name='aftercareevent',
            constraint=models.UniqueConstraint(fields=('order', 'seq'), name='aftercare_event_order_seq'),
        ),
        AppendOnly("AftercareEvent"),
    ]
