"""Core records: offices, staff, the access log, API tokens, numbering and settings."""

from __future__ import annotations

import hashlib
import secrets
import zoneinfo
from typing import Any, ClassVar

from babel import Locale, UnknownLocaleError
from babel.numbers import list_currencies
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from parure.core.choices import AccessAction, JobState, Role
from parure.core.db import register_append_only


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"‘{value}’ is not a time zone name such as Europe/London.")


def validate_currency(value: str) -> None:
    if value not in list_currencies():
        raise ValidationError(f"‘{value}’ is not an ISO 4217 currency code such as USD or CHF.")


def validate_locale(value: str) -> None:
    try:
        Locale.parse(value)
    except (ValueError, UnknownLocaleError):
        raise ValidationError(f"‘{value}’ is not a locale such as en_US or fr_CH.") from None


class Office(models.Model):
    """One of the house's offices: where pieces are kept and staff work."""

    code = models.CharField(
        max_length=2,
        unique=True,
        help_text="Two capital letters, used in stock numbers (NY, LN, GE, HK).",
    )
    name = models.CharField(max_length=100)
    time_zone = models.CharField(max_length=64, validators=[validate_time_zone])
    currency = models.CharField(max_length=3, validators=[validate_currency])
    locale = models.CharField(max_length=16, default="en_US", validators=[validate_locale])
    address = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(code__regex=r"^[A-Z]{2}$"), name="office_code_two_capitals"),
        ]

    def __str__(self) -> str:
        return self.name


class StaffManager(UserManager["Staff"]):
    def get_queryset(self) -> models.QuerySet[Staff]:
        return super().get_queryset().select_related("office")


class Staff(AbstractUser):
    """A member of staff: one role, attached to one office."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="staff", null=True, blank=True)
    role = models.CharField(max_length=32, choices=Role.choices, default=Role.SPECIALIST_ASSISTANT)
    # Specialists the assistant supports (used by the client book's visibility rules).
    supports = models.ManyToManyField("self", symmetrical=False, related_name="assistants", blank=True)

    objects: ClassVar[StaffManager] = StaffManager()

    class Meta:
        verbose_name = "member of staff"
        verbose_name_plural = "staff"
        ordering = ["last_name", "first_name"]
        permissions = [
            ("view_reserves", "May see reserves and absentee maxima"),
            ("view_consignor_identity", "May see who consigned a piece"),
            ("view_valuations", "May see valuations and insurance values"),
            ("export_clients", "May export client data"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def role_label(self) -> str:
        return Role(self.role).label

    @property
    def requires_two_factor(self) -> bool:
        from django.conf import settings

        return self.role in settings.PARURE_ROLES_REQUIRING_2FA


class AccessLogEntry(models.Model):
    """One sensitive read or export: who, what, when, from where. Append-only."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    staff = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, related_name="+")
    action = models.CharField(max_length=32, choices=AccessAction.choices)
    # What was read: a kind ("client", "reserve", "export:clients") and a reference to it.
    subject_kind = models.CharField(max_length=64)
    subject_ref = models.CharField(max_length=128, blank=True)
    detail = models.CharField(max_length=255, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "access log entries"
        indexes = [models.Index(fields=["subject_kind", "subject_ref"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.staff} {self.action} {self.subject_kind} {self.subject_ref}"


register_append_only("core_accesslogentry")


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    """A per-user API token for integrations. Only a SHA-256 digest of the secret is stored."""

    PREFIX = "prt_"

    staff = models.ForeignKey(Staff, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for, e.g. ‘Photo studio uploader’.")
    # The first characters of the token, shown in lists so a person can tell tokens apart.
    lead = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.lead}…)"

    @staticmethod
    def digest_of(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()

    @classmethod
    def issue(cls, *, staff: Staff, name: str) -> tuple[ApiToken, str]:
        """Create a token; the secret is returned once and never stored."""
        secret = cls.PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(staff=staff, name=name, lead=secret[:12], digest=cls.digest_of(secret))
        return token, secret


class NumberSequence(models.Model):
    """A named counter for issuing numbers (stock numbers per office and year, invoices...)."""

    key = models.CharField(max_length=64, unique=True)
    last = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}: {self.last}"


class Setting(models.Model):
    """A department-wide setting an administrator may change (JSON value)."""

    key = models.CharField(max_length=100, unique=True)
    value = models.JSONField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.key

    @classmethod
    def get(cls, key: str, default: Any = None) -> Any:
        row = cls.objects.filter(key=key).first()
        return default if row is None else row.value


class ScheduledJobRun(models.Model):
    """That a daily job was enqueued for a day: the unique pair stops two workers doubling it."""

    job = models.CharField(max_length=100)
    day = models.DateField()
    enqueued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "day"], name="scheduled_job_once_a_day")]

    def __str__(self) -> str:
        return f"{self.job} {self.day}"


class BackgroundJob(models.Model):
    """Long work (an import, a large export, a PDF) run by the task worker, with its progress.

    The person who started it follows ``done`` of ``total`` on a page that polls, and opens the
    result later from ``result_url``. The upload it works on is kept in ``upload`` only until the
    work ends, whatever the outcome: a finished or refused job holds no copy of the file.
    """

    kind = models.CharField(max_length=64)
    started_by = models.ForeignKey("core.Staff", on_delete=models.PROTECT, related_name="background_jobs")
    state = models.CharField(max_length=16, choices=JobState.choices, default=JobState.QUEUED)
    stage = models.CharField(max_length=100, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    # What the kind needs to run: ids and flags only, never personal data.
    params = models.JSONField(default=dict)
    filename = models.CharField(max_length=200, blank=True)
    upload = models.BinaryField(null=True, blank=True)
    # The outcome: a sentence, the refusal's lines, a structured result for the API, a link.
    summary = models.CharField(max_length=500, blank=True)
    errors = models.JSONField(default=list)
    result = models.JSONField(default=dict)
    result_url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["started_by", "-created_at"], name="background_job_by_starter")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.state in (JobState.SUCCEEDED, JobState.FAILED)

    @property
    def percent(self) -> int:
        if self.state == JobState.SUCCEEDED:
            return 100
        if not self.total:
            return 0
        return min(100, self.done * 100 // self.total)
