"""Writes to the client book: one transaction each, named after what the department does.

- ``clients``: opening, changing, merging and erasing files; contact details; relationships.
- ``compliance``: KYC, beneficial owners, consent; the data-subject export.
- ``wants``: clients' wants.
- ``appointments``: booking, changing, cancelling, outcomes; rooms; calendar feeds.
- ``follow_ups``: tasks, recurring ones.
- ``interactions``: the timeline and e-mails sent from a file.
- ``inquiries``: the inquiry queue, its routing and response targets.
- ``imports``: spreadsheet import with preview, all-or-nothing save.

The names other apps use are re-exported here (``from parure.clients.services import client_create``).
"""

from parure.clients.services.clients import client_create, issue_client_number
from parure.clients.services.duplicates import HIDDEN_DUPLICATE, FileOpening, client_open_checked

__all__ = ["HIDDEN_DUPLICATE", "FileOpening", "client_create", "client_open_checked", "issue_client_number"]
