"""The inventory's pages, thin: read the input, call one service or query, render.

- :mod:`.items`: the list of pieces, a piece's page, its description, its tags;
- :mod:`.custody`: the custody actions, batch scanning, transfers in transit, overdue check-outs;
- :mod:`.intake`: consignments, intake, receipts and their versions, returns to consignors;
- :mod:`.places`: places, tray labels, custody settings and label stocks;
- :mod:`.ledger`: the ledger and its verification.
"""
