"""Every write to the auctions, one transaction each, named after what the department does.

- :mod:`.sales`: sales, their status, increment tables and premium schedules, lots and their pieces;
- :mod:`.registrations`: registering bidders and paddles, approving or refusing them, bulk imports;
- :mod:`.bids`: absentee bids, telephone bids and the lines' staff;
- :mod:`.clerking`: the clerk's entries on the day and the results they save;
- :mod:`.results`: the check before invoicing, corrections, unsold pieces' next route.
"""
