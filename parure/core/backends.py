"""Authentication backends: who a session belongs to, and who answers permission questions.

The order in ``AUTHENTICATION_BACKENDS`` matters: axes (lockouts), then ``rules`` (the policy),
then :class:`PolicyBackend` (nothing beyond the policy is granted), then :class:`StaffBackend`
(loads a signed-in person), then Django's ``ModelBackend`` (checks passwords).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, StringAgg, Subquery, Value
from django.db.models.functions import Concat

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
        from django_otp import device_classes

        people = Staff._default_manager.filter(pk=user_id, is_active=True)
        models = list(device_classes())
        people = people.annotate(
            **{
                f"parure_device_{n}": Exists(model.objects.filter(user=OuterRef("pk"), confirmed=True))
                for n, model in enumerate(models)
            }
        )
        grants = (
            Permission.objects.filter(user=OuterRef("pk"))
            .order_by()
            .values("user")
            .annotate(held=StringAgg(Concat("content_type__app_label", Value("."), "codename"), Value(" ")))
            .values("held")
        )
        person = people.annotate(parure_grants=Subquery(grants)).order_by().first()
        if person is not None:
            # Read by parure.core.policy (needs_two_factor, has_grant) for the rest of this request.
            person._parure_has_device = any(  # type: ignore[attr-defined]
                getattr(person, f"parure_device_{n}") for n in range(len(models))
            )
            person._parure_grants = {  # type: ignore[attr-defined]
                tuple(grant.split(".", 1)) for grant in (person.parure_grants or "").split()
            }
        return person
