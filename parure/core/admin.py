"""The administrators' back office: offices, staff and their roles, settings.

Only the administrator role (with its second factor verified) may enter; the custody ledger
and the access log are not registered here, so nobody edits them through it.
"""

from __future__ import annotations

from functools import update_wrapper
from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import redirect

from parure.core import policy
from parure.core.models import Office, Setting, Staff


class ParureAdminSite(admin.AdminSite):
    site_header = "Parure administration"
    site_title = "Parure administration"
    index_title = "Offices, staff and settings"
    login_template = None

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(policy.is_administrator(user) and not policy.needs_two_factor(user))

    def admin_view(self, view: Any, cacheable: bool = False) -> Any:
        """Refuse signed-in people without the role outright, instead of a login loop."""
        inner = super().admin_view(view, cacheable)

        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            user: Any = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not policy.is_administrator(user):
                raise PermissionDenied("Only administrators may use the administration pages.")
            if policy.needs_two_factor(user):
                return redirect("core:two_factor")
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, inner)

    def login(self, request: HttpRequest, extra_context: Any = None) -> Any:
        if request.user.is_authenticated:
            raise PermissionDenied("Only administrators may use the administration pages.")
        return redirect_to_login(request.get_full_path())


site = ParureAdminSite(name="admin")


class AdministratorsOnly:
    """Model pages for the administrator role, decided by the policy rather than Django's model grants.

    The site already refuses everyone else (``ParureAdminSite.admin_view``); without this the
    index would tell an administrator "You don't have permission to view or edit anything" and
    the app index pages would answer 404, because administrators hold a role, not per-model
    permissions. Deleting stays each page's own decision.
    """

    def _administrator(self, request: HttpRequest) -> bool:
        return site.has_permission(request)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._administrator(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._administrator(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._administrator(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._administrator(request)


@admin.register(Office, site=site)
class OfficeAdmin(AdministratorsOnly, admin.ModelAdmin[Office]):
    list_display = ["code", "name", "time_zone", "currency", "locale"]
    search_fields = ["code", "name"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Staff, site=site)
class StaffAdmin(AdministratorsOnly, UserAdmin):  # type: ignore[type-arg]
    list_display = ["username", "first_name", "last_name", "role", "office", "is_active", "last_login"]
    list_filter = ["role", "office", "is_active"]
    list_select_related = ["office"]
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Person", {"fields": ("first_name", "last_name", "email")}),
        ("Role", {"fields": ("role", "office", "supports", "is_active", "user_permissions")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("username", "first_name", "last_name", "email", "role", "office", "password1", "password2"),
            },
        ),
    )
    filter_horizontal = ("supports", "user_permissions")

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # Staff appear in the ledger and the access log: deactivate, never delete.
        return False


@admin.register(Setting, site=site)
class SettingAdmin(AdministratorsOnly, admin.ModelAdmin[Setting]):
    list_display = ["key", "value", "updated_at"]
