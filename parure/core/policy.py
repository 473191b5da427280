"""The one permission policy.

Every page and API operation declares the permission it needs with :func:`requires` (or
:func:`public` for the few pages open to anyone); :class:`AccessPolicyMiddleware` enforces the
declaration for pages and :func:`parure.core.api.requires` for API operations. What each role
may do is decided here, with ``rules`` predicates, and nowhere else. Apps add their own
permissions in their ``rules.py`` using the role predicates below.

A route with no declaration is refused (deny by default), and the route × role matrix test
fails until the route is declared there too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import rules
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from parure.core.choices import Role

if TYPE_CHECKING:
    from parure.core.models import Staff

F = TypeVar("F", bound=Callable[..., Any])

PUBLIC = "public"
# Pages a signed-in person may reach before finishing two-factor enrolment or verification.
UNVERIFIED_OK = "unverified_ok"

ALL_ROLES = frozenset(Role)


def _is_staff_member(user: Any) -> bool:
    return bool(
        user is not None
        and not isinstance(user, AnonymousUser)
        and user.is_authenticated
        and user.is_active
        and getattr(user, "role", None) in Role.values
    )


is_staff_member = rules.predicate(_is_staff_member)


def has_role(*roles: Role) -> Any:
    """A predicate true for active staff holding one of ``roles``."""
    wanted = frozenset(r.value for r in roles)

    def holds_role(user: Any) -> bool:
        return bool(_is_staff_member(user) and user.role in wanted)

    return rules.predicate(holds_role, name=f"has_role({', '.join(sorted(wanted))})")


def has_grant(codename: str) -> Any:
    """A permission granted to one person beyond their role (Django's user permissions)."""

    app_label, _, name = codename.partition(".")

    def holds_grant(user: Any) -> bool:
        if not _is_staff_member(user):
            return False
        # Read a person's grants once per request (the user object lives for one request).
        if not hasattr(user, "_parure_grants"):
            user._parure_grants = set(user.user_permissions.values_list("content_type__app_label", "codename"))
        return (app_label, name) in user._parure_grants

    return rules.predicate(holds_grant, name=f"has_grant({codename})")


is_assistant = has_role(Role.SPECIALIST_ASSISTANT)
is_senior = has_role(Role.SENIOR_SPECIALIST)
is_specialist = has_role(Role.SPECIALIST_ASSISTANT, Role.SENIOR_SPECIALIST)
is_finance = has_role(Role.FINANCE)
is_logistics = has_role(Role.LOGISTICS)
is_auditor = has_role(Role.AUDITOR)
is_administrator = has_role(Role.ADMINISTRATOR)

# --- Core's permissions -------------------------------------------------------------------
rules.add_perm("core.view_home", is_staff_member)
rules.add_perm("core.search", is_staff_member)
rules.add_perm("core.scan", is_staff_member)
rules.add_perm("core.manage_own_account", is_staff_member)
rules.add_perm("core.use_api", is_staff_member)
rules.add_perm("core.view_access_log", is_administrator | is_auditor)
rules.add_perm("core.view_staff_directory", is_staff_member)
rules.add_perm("core.administer", is_administrator)
# Background work: anyone may follow their own jobs; administrators may follow everyone's.
rules.add_perm("core.view_job", is_staff_member)
rules.add_perm("core.view_any_job", is_administrator)
# The administration pages (Django's admin) ask for model permissions: administrators may view,
# add and change offices, staff and settings; nobody deletes them (staff are deactivated).
for _model in ("office", "staff", "setting"):
    for _action in ("view", "add", "change"):
        rules.add_perm(f"core.{_action}_{_model}", is_administrator)


def acting_staff(request: HttpRequest) -> Staff:
    """The member of staff acting in this request, to pass to a service as ``by``.

    Every page and API operation that records who acted takes the actor from here, never from
    ``request.user`` directly: a request without an active member of staff with a role (signed
    out, a deactivated account, an account with no role) is refused with PermissionDenied, which
    pages show as 403 and the API answers with the error shape.
    """
    from parure.core.models import Staff

    user = getattr(request, "user", None)
    if not isinstance(user, Staff) or not _is_staff_member(user):
        raise PermissionDenied("Only a signed-in member of staff with a role can do this.")
    return user


def requires(permission: str) -> Callable[[F], F]:
    """Declare the permission a page needs; the policy middleware enforces it."""

    def decorate(view: F) -> F:
        view._parure_access = permission  # type: ignore[attr-defined]
        return view

    return decorate


def public[F: Callable[..., Any]](view: F) -> F:
    """Declare a page open to anyone, signed in or not (login, password reset, health)."""
    view._parure_access = PUBLIC  # type: ignore[attr-defined]
    return view


def unverified_ok[F: Callable[..., Any]](view: F) -> F:
    """Declare a page a signed-in person may use before two-factor verification."""
    view._parure_access = UNVERIFIED_OK  # type: ignore[attr-defined]
    return view


def declared_access(view: Any) -> str | None:
    """The declaration of a view function or class-based view, or None if it has none."""
    for candidate in (view, getattr(view, "view_class", None), getattr(view, "__wrapped__", None)):
        if candidate is not None and hasattr(candidate, "_parure_access"):
            return str(candidate._parure_access)
    return None


def needs_two_factor(user: Any) -> bool:
    """True when the person must verify a second factor before using the system."""
    if not _is_staff_member(user):
        return False
    if user.requires_two_factor or _has_confirmed_device(user):
        # OTPMiddleware adds is_verified to request.user; a user fresh from authenticate() has not passed it.
        is_verified = getattr(user, "is_verified", None)
        return not (is_verified is not None and is_verified())
    return False


def _has_confirmed_device(user: Any) -> bool:
    # Asked by the policy middleware, the API's session check and the layout on one request: read
    # once per request (the user object lives for one request, like the grants above).
    if not hasattr(user, "_parure_has_device"):
        from django_otp import user_has_device

        user._parure_has_device = bool(user_has_device(user, confirmed=True))
    return bool(user._parure_has_device)
