"""Inventory counts and accountability: proving every piece in custody is where the ledger says.

- :mod:`.models`: count sessions, the expected set, scans, discrepancies, sign-offs, intervals;
- :mod:`.services`: every write (start, scan, import, finish, resolve, sign off, intervals);
- :mod:`.reconcile`: the count against the ledger, in five groups;
- :mod:`.queries`: lists, history, the cycle-count due list and the accountability dashboard;
- :mod:`.views`, :mod:`.api`, :mod:`.reports` (PDF and Excel), :mod:`.demo`, :mod:`.hooks`.
"""
