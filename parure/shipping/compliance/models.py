"""The rules of export as data: a sanction, a CITES listing, the diamonds' warranty statement or a
wildlife declaration, each with the materials it concerns, its jurisdictions, its source and the dates it
is in force, and the change log of every edit (who, when, what and why)."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils import timezone

from parure.core.models import Staff
from parure.shipping.compliance.choices import RuleDirection, RuleEffect, RuleKind


class ComplianceRule(models.Model):
    """One rule the house follows when pieces cross a border.

    It applies to a piece when one of the piece's words (materials and metals, its stones' species or
    varieties) is in its lists, the stone's or the piece's origin is in ``origins`` (``[]``: any
    origin), a matched stone weighs at least ``min_weight_ct`` (when set) and the shipment crosses one
    of its ``jurisdictions`` in its ``direction`` (``[]``: every shipment, or every one that crosses a
    border when ``international_only``). A rule with no words at all
    applies to every piece.
    """

    code = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=24, choices=RuleKind.choices)
    effect = models.CharField(max_length=16, choices=RuleEffect.choices)
    materials = models.JSONField(default=list, blank=True)  # lower-case words: "coral", "ivory"
    species = models.JSONField(default=list, blank=True)  # lower-case: "diamond", "pearl"
    varieties = models.JSONField(default=list, blank=True)  # lower-case: "ruby", "jadeite"
    origins = models.JSONField(default=list, blank=True)  # lower-case words or ISO codes; [] = any origin
    jurisdictions = models.JSONField(default=list, blank=True)  # ISO alpha-2 or "EU"; [] = every shipment
    direction = models.CharField(max_length=8, choices=RuleDirection.choices, default=RuleDirection.BOTH)
    # With no jurisdictions: True for a rule of every shipment that crosses a border (CITES), False for
    # one of every shipment, a domestic one too (the diamonds' warranty, a house policy).
    international_only = models.BooleanField(default=True)
    min_weight_ct = models.DecimalField(max_digits=9, decimal_places=3, null=True, blank=True)
    text = models.TextField(blank=True)  # the statement or declaration printed, or what the rule says
    source = models.CharField(max_length=300)  # the citation
    source_url = models.URLField(max_length=300, blank=True)  # recorded, never fetched
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True)  # inclusive; None: in force until ended
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(Staff, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["kind", "code"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(effective_to__isnull=True) | models.Q(effective_from__lte=models.F("effective_to")),
                name="shipping_rule_dates",
            ),
            models.CheckConstraint(
                condition=models.Q(min_weight_ct__isnull=True) | models.Q(min_weight_ct__gt=Decimal(0)),
                name="shipping_rule_weight",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"


class ComplianceRuleChange(models.Model):
    """One edit of a rule: who made it, when, why, and each field's value before and after."""

    rule = models.ForeignKey(ComplianceRule, on_delete=models.CASCADE, related_name="changes")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(Staff, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=500)
    # {"field": [before, after]}; a rule's first row holds every field with ``None`` before.
    changed = models.JSONField(default=dict)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.rule.code} {self.at:%Y-%m-%d %H:%M} {self.by}"
