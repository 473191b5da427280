"""Viewing rooms are set up by administrators in the administration pages."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from parure.clients.models import Room
from parure.core.admin import AdministratorsOnly, site


@admin.register(Room, site=site)
class RoomAdmin(AdministratorsOnly, admin.ModelAdmin[Room]):
    list_display = ["name", "office", "capacity", "is_active"]
    list_filter = ["office", "is_active"]
    list_select_related = ["office"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # rooms with appointments are kept; deactivate instead
