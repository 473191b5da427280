"""Gem-lab submissions: a batch to a laboratory and its lines (the labs area)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):


    dependencies = [
        ('catalogue', '0007_condition_reports'),
        ('core', '0004_shared_cache_table'),
        ('inventory', '0010_item_client_own'),
        ('services', '0003_aftercare'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='LabSubmission',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.CharField(max_length=24, unique=True)),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('sent', 'Sent'), ('partly_returned', 'Partly returned'), ('returned', 'Returned'), ('cancelled', 'Cancelled')], default='draft', max_length=16)),
                ('expected_back', models.DateField(help_text='The day the laboratory is expected to return the batch.')),
                ('courier', models.CharField(blank=True, max_length=120)),
                ('courier_reference', models.CharField(blank=True, max_length=60)),
                ('notes', models.TextField(blank=True)),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('sent_on', models.DateField(blank=True, null=True)),
                ('sent_at', models.DateTimeField(blank=True, null=True)),
                ('returned_on', models.DateField(blank=True, help_text='The day the last piece came back.', null=True)),
                ('cancelled_at', models.DateTimeField(blank=True, null=True)),
                ('cancel_reason', models.TextField(blank=True)),
                ('cancelled_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('laboratory', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='catalogue.laboratory')),
                ('office', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.office')),
                ('sent_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.CreateModel(
            name='LabSubmissionLine',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField()),
                ('stone_position', models.PositiveSmallIntegerField(blank=True, null=True)),
                ('services', models.JSONField(default=list, help_text='What is asked: origin, treatment, grading, mounted.')),
                ('for_service', models.CharField(blank=True, max_length=60)),
                ('control_number', models.CharField(blank=True, max_length=40)),
                ('added_at', models.DateTimeField(default=django.utils.timezone.now)),
                ('returned_at', models.DateTimeField(blank=True, null=True)),
                ('certificate_id', models.PositiveIntegerField(blank=True, null=True)),
                ('report_number', models.CharField(blank=True, max_length=40)),
                ('report_issued_on', models.DateField(blank=True, null=True)),
                ('report_recorded_at', models.DateTimeField(blank=True, null=True)),
                ('added_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('item', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='inventory.item')),
                ('report_recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('returned_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('submission', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='lines', to='services.labsubmission')),
            ],
            options={
                'ordering': ['submission_id', 'position'],
            },
        ),
        migrations.AddIndex(
            model_name='labsubmission',
            index=models.Index(fields=['office', 'status', 'expected_back'], name='labsub_office_status_due'),
        ),
        migrations.AddConstraint(
            model_name='labsubmission',
            constraint=models.CheckConstraint(condition=models.Q(('status', 'draft'), ('status', 'cancelled'), ('sent_at__isnull', False), _connector='OR'), name='labsub_sent_has_time'),
        ),
        migrations.AddConstraint(
            model_name='labsubmissionline',
            constraint=models.UniqueConstraint(fields=('submission', 'position'), name='labline_position_once'),
        ),
        migrations.AddConstraint(
            model_name='labsubmissionline',
            constraint=models.CheckConstraint(condition=models.Q(('certificate_id__isnull', True), ('returned_at__isnull', False), _connector='OR'), name='labline_report_after_return'),
        ),
    ]
