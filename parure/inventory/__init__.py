"""inventory: pieces in our custody, their places, consignments and the custody ledger.

- ``models``: places, pieces, stones and parts, consignments and receipt versions, release
  receipts, label stocks, the custody ledger and its head;
- ``ledger``: canonical bytes, the keyed hash chain, appending, replay and verification
  (docs/custody.md is its reference);
- ``services``: every write (intake, custody actions, returns, four eyes, places);
- ``queries``: reads shared by pages, the API, panels and jobs;
- ``views``, ``urls``, ``api``: pages under /inventory/ and operations under /api/v1/inventory/;
- ``pdf``, ``codes``: receipts, tags and labels (WeasyPrint, Code 128, QR);
- ``hooks``, ``tasks``, ``demo``: what the app plugs into the layout, its daily jobs, demo data.
"""
