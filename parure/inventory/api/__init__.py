"""The inventory area's REST operations (mounted at /api/v1/inventory/).

Consignor identity and valuations are left out of responses (the keys are absent, not null) for
a role that may not see them, as :mod:`parure.inventory.visibility` decides. Like every
operation, each declares its permission with ``requires``; core checks it before the body is
read, so a role that may not act is told so (403).

What lives where:

- ``items``: the list of pieces (filtered), one piece, and a piece's custody events;
- ``custody``: the custody actions (move, check-out, return, transfer, receive, release, count
  adjustment, correction);
- ``consignments``: consignments, intake, release receipts and the return to the consignor;
- ``places``: an office's places;
- ``ledger``: the ledger's head and its verification;
- ``schemas``: the request and response shapes; ``common``: lookups and shaping shared by them;
- ``router``: the inventory's router, with each area's router and counts'
  (:mod:`parure.inventory.counts.api`) mounted on it. ``parure.urls`` mounts it on the API;
  nothing here is imported for its side effects.
"""
