"""What a count covers: the in-house places of a subtree, an office or the whole department."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from parure.inventory.choices import IN_HOUSE_KINDS
from parure.inventory.counts.choices import CountScope
from parure.inventory.counts.models import CountSession
from parure.inventory.models import Location


def subtree(location: Location) -> Q:
    """The place itself and everything under it (by materialised path), in its office."""
    return Q(office_id=location.office_id) & (Q(path=location.path) | Q(path__startswith=f"{location.path}/"))


def scope_places(session: CountSession) -> QuerySet[Location]:
    """The places a count covers: pieces resting at these are expected, and may be scanned here."""
    rows = Location.objects.filter(kind__in=sorted(IN_HOUSE_KINDS))
    if session.scope == CountScope.LOCATION:
        assert session.location is not None
        return rows.filter(subtree(session.location))
    if session.scope == CountScope.OFFICE:
        return rows.filter(office=session.office)
    return rows


def scope_tree(session: CountSession) -> QuerySet[Location]:
    """Every place under the scope, of any kind (for check-outs taken from it)."""
    if session.scope == CountScope.LOCATION:
        assert session.location is not None
        return Location.objects.filter(subtree(session.location))
    if session.scope == CountScope.OFFICE:
        return Location.objects.filter(office=session.office)
    return Location.objects.all()


def covers(session: CountSession, location: Location) -> bool:
    """Whether ``location`` (any place) lies inside the count's scope."""
    if session.scope == CountScope.DEPARTMENT:
        return True
    if session.scope == CountScope.OFFICE:
        return location.office_id == session.office_id
    scope = session.location
    assert scope is not None
    return location.office_id == scope.office_id and (
        location.path == scope.path or location.path.startswith(f"{scope.path}/")
    )
