"""Helpers the client book's pages share (``acting`` lives with the visibility rules, for the API too)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from parure.clients.models import Client
from parure.clients.queries import client_detail
from parure.clients.visibility import Viewer
from parure.clients.visibility import acting as acting  # the pages take it from here


def find_client(request: HttpRequest, number: str, *, permission: str = "clients.view_client") -> Client:
    """The file with this number if the person may see it (and act on it with ``permission``);
    otherwise 404 (a file one may not see does not exist for them)."""
    client = client_detail(number.upper()).first()
    if client is None or not request.user.has_perm("clients.view_client", client):
        raise Http404("No client file with this number.")
    if permission != "clients.view_client" and not request.user.has_perm(permission, client):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("Your role may not do this on this client's file.")
    return client


def client_by_number(request: HttpRequest, number: str) -> Client | None:
    """A file named by number in a form, if the person may see it."""
    text = number.strip().upper()
    if not text:
        return None
    client = Client.objects.filter(number=text).prefetch_related("specialists").first()
    if client is None or not Viewer(request.user).can_see_file(client):
        return None
    return client


SECTIONS = {
    "calendar_day": "calendar", "calendar_week": "calendar", "calendar_feed": "calendar",
    "appointment_new": "calendar", "appointment": "calendar", "appointment_edit": "calendar",
    "appointment_outcome": "calendar", "follow_ups": "follow_ups", "follow_up_new": "follow_ups",
    "inquiries": "inquiries", "inquiry": "inquiries", "inquiry_new": "inquiries", "matching": "matching",
    "import": "import", "import_preview": "import",
}  # fmt: skip


def page(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    match = request.resolver_match
    context.setdefault("section", SECTIONS.get((match.url_name or "") if match else "", "book"))
    return render(request, template, context, status=status)
