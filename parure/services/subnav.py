"""The services' sub-navigation: each area adds its links from its ``hooks.register`` so the shared page
frame (``services/base.html``) shows only the areas that exist and the links a viewer may follow."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse


@dataclass(frozen=True)
class SubnavLink:
    key: str
    label: str
    url_name: str
    permission: str
    order: int = 100


links: dict[str, SubnavLink] = {}


def register_link(link: SubnavLink) -> None:
    links[link.key] = link


def links_for(request: HttpRequest) -> list[dict[str, object]]:
    """The links this viewer may follow, in order, the current one marked."""
    current = request.resolver_match.view_name if request.resolver_match else ""
    return [
        {"label": link.label, "url": reverse(link.url_name), "current": current == link.url_name}
        for link in sorted(links.values(), key=lambda link: (link.order, link.key))
        if request.user.has_perm(link.permission)
    ]
