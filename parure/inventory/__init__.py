"""inventory: pieces in our custody, their places, consignments and the custody ledger.

- ``models``: places, pieces, stones and parts, consignments and receipt versions, release
  receipts, label stocks, the custody ledger, its head and its key spans;
- ``ledger``: canonical bytes, the keyed hash chain, key spans and rotation, appending and
  replay; ``ledger_verify``: re-walking it; ``ledger_keys``: the key ring; ``checks``: the
  key's system checks (docs/custody.md is their reference);
- ``lock_objects``: row locks, in one order, for every write;
- ``services``: every write (intake, custody actions, returns, four eyes, places);
- ``queries``: reads shared by pages, the API, panels and jobs;
- ``views``, ``urls``, ``api``: pages under /inventory/ and operations under /api/v1/inventory/;
- ``pdf``, ``codes``: receipts, tags and labels (WeasyPrint, Code 128, QR);
- ``hooks``, ``tasks``, ``demo``: what the app plugs into the layout, its daily jobs, demo data.
"""
