"""An area's sub-navigation: each part of an app adds its links from its hooks, so the app's page frame
shows only the parts that exist and the links a viewer may follow."""

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


class Subnav:
    def __init__(self) -> None:
        self.links: dict[str, SubnavLink] = {}

    def register_link(self, link: SubnavLink) -> None:
        self.links[link.key] = link

    def links_for(self, request: HttpRequest) -> list[dict[str, object]]:
        """The links this viewer may follow, in order, the current one marked."""
        current = request.resolver_match.view_name if request.resolver_match else ""
        return [
            {"label": link.label, "url": reverse(link.url_name), "current": current == link.url_name}
            for link in sorted(self.links.values(), key=lambda link: (link.order, link.key))
            if request.user.has_perm(link.permission)
        ]
