"""The client book's REST operations (mounted at /api/v1/clients/).

The same visibility rules as the pages: a file a person may not see answers 404; a confidential
file's identity, the private note, KYC and the activity (wants, timeline, appointments) are
left out of a response for a role that may not see them. Searches are POSTed, so names, e-mails
and phones never sit in a URL. Every read of a file's personal data and every export is in the
access log.

Modules: ``router`` (the router and its guard), ``schemas``, ``common`` (shared helpers), then the
operations — ``book``, ``diary``, ``queue`` and, last because ``/{number}`` would shadow the
literal paths, ``files``.
"""

# isort: off
# Registration order is routing order: literal paths first, /{number} last.
from parure.clients.api import book  # noqa: F401
from parure.clients.api import diary  # noqa: F401
from parure.clients.api import queue  # noqa: F401
from parure.clients.api import files  # noqa: F401
from parure.clients.api.router import router

# isort: on

__all__ = ["router"]
