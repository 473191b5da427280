"""The catalogue's API router: each area's router is mounted here."""

from ninja import Router

router = Router(tags=["catalogue"])
