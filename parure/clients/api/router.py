"""The client book's ninja router (permissions are checked before validation by parure.core.api)."""

from ninja import Router

router = Router(tags=["clients"])
