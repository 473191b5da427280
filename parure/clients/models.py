"""The client book. This first cut holds what custody needs of a consignor; the client-book
issue extends it (addresses, wants, KYC, appointments...)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from parure.clients.choices import ClientKind


class Client(models.Model):
    """A person or an organisation the house deals with: consignor, buyer, prospect."""

    number = models.CharField(max_length=16, unique=True, help_text="Client number with check digit, e.g. C-000412-3.")
    kind = models.CharField(max_length=16, choices=ClientKind.choices, default=ClientKind.PERSON)
    # Names as the client writes them; display_name is how the house addresses the file.
    display_name = models.CharField(max_length=200)
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    organisation_name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["display_name"]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.number})"
