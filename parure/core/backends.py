"""Authentication backends: who a session belongs to, and who answers permission questions.

The order in ``AUTHENTICATION_BACKENDS`` matters: axes (lockouts), then ``rules`` (the policy),
then :class:`PolicyBackend` (nothing beyond the policy is granted), then :class:`StaffBackend`
(loads a signed-in person), then Django's ``ModelBackend`` (checks passwords).
"""

from __future__ import annotations

import functools
from typing import Any

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import BooleanField, TextField
from django.db.models.expressions import RawSQL

from parure.core.models import Staff

# The dotted path sessions are signed in with (see parure.core.views.auth).
STAFF_BACKEND = "parure.core.backends.StaffBackend"


class PolicyBackend:
    """Ends the search for a permission once the policy's rules have refused it.

    Django asks each backend in turn and grants a permission if any says yes. ``rules`` (the
    policy in :mod:`parure.core.policy`) answers first; without this backend Django would then
    ask ``ModelBackend``, which reads the person's Django permissions and their groups' (two
    queries on every page showing a link the person may not follow) and would grant a raw
    Django permission the policy never granted. Grants beyond a role are the policy's
    ``has_grant`` predicates, which read the same rows once per request.
    """

    def authenticate(self, request: Any, **credentials: Any) -> None:
        return None

    def has_perm(self, user: Any, perm: str, obj: Any = None) -> bool:
        raise PermissionDenied(f"The policy does not grant {perm}.")


class StaffBackend:
    """Loads the member of staff a session belongs to, with what every request asks of them.

    One query brings the person, their office, whether they have a confirmed second-factor
    device (the policy asks on every request whether they must verify one) and the grants they
    hold beyond their role (the policy's ``has_grant``), where Django's ``ModelBackend`` and the
    policy would take three or four. It checks no passwords: ``ModelBackend`` does, and the
    sign-in views then sign the person in with this backend.
    """

    def authenticate(self, request: Any, **credentials: Any) -> None:
        return None

    def get_user(self, user_id: Any) -> Staff | None:
        people = Staff._default_manager.filter(pk=user_id, is_active=True)
        person = people.annotate(**_annotations()).order_by().first()
        if person is not None:
            # Read by parure.core.policy (needs_two_factor, has_grant) for the rest of this request.
            person._parure_has_device = bool(person.parure_has_device)  # type: ignore[attr-defined]
            person._parure_grants = {  # type: ignore[attr-defined]
                tuple(grant.split(".", 1))
                for grant in (person.parure_grants or "").split()  # type: ignore[attr-defined]
            }
        return person


@functools.cache
def _annotation_sql(vendor: str) -> tuple[str, str]:
    """The two correlated subqueries as SQL, written once per database kind.

    Built by the ORM they are correct, but compiling them (a grouped, concatenated subquery) cost
    about twice the rest of the user's load on every request; the statement never changes, so
    it is spelled out here from the models' own table and column names. PostgreSQL and SQLite
    (the two databases Parure runs on) differ only in the name of the string aggregate.
    """
    from django.contrib.contenttypes.models import ContentType
    from django_otp import device_classes

    def q(name: str) -> str:
        return connection.ops.quote_name(name)

    staff_id = f"{q(Staff._meta.db_table)}.{q(str(Staff._meta.pk.column))}"
    devices = []
    for model in device_classes():
        user, confirmed = model._meta.get_field("user").column, model._meta.get_field("confirmed").column
        devices.append(
            f"EXISTS (SELECT 1 FROM {q(model._meta.db_table)} WHERE {q(user)} = {staff_id} AND {q(confirmed)})"  # noqa: S608
        )
    link = Staff.user_permissions.through._meta
    link_staff = link.get_field("staff").column
    link_permission = link.get_field("permission").column
    grant = "ct.app_label || '.' || p.codename"
    held = f"group_concat({grant}, ' ')" if vendor == "sqlite" else f"string_agg({grant}, ' ')"
    grants = (
        f"(SELECT {held} FROM {q(Permission._meta.db_table)} p "  # noqa: S608
        f"JOIN {q(link.db_table)} up ON up.{q(link_permission)} = p.id "
        f"JOIN {q(ContentType._meta.db_table)} ct ON ct.id = p.content_type_id "
        f"WHERE up.{q(link_staff)} = {staff_id})"
    )
    return "(" + (" OR ".join(devices) or "1 = 0") + ")", grants


def _annotations() -> dict[str, Any]:
    # Static SQL made from the models' own names (no input reaches it): see _annotation_sql.
    has_device, grants = _annotation_sql(connection.vendor)
    return {
        "parure_has_device": RawSQL(has_device, (), output_field=BooleanField()),  # noqa: S611
        "parure_grants": RawSQL(grants, (), output_field=TextField()),  # noqa: S611
    }
