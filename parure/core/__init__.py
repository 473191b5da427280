"""Core: offices, staff and roles, the permission policy, money, numbering, the access log,
API tokens, background-job scheduling and the base layout. Depends on no other Parure app.

- ``models``: Office, Staff, AccessLogEntry, ApiToken, NumberSequence, Setting, ScheduledJobRun.
- ``policy``: the one permission policy (roles, predicates, route declarations).
- ``money``, ``numbering``: Decimal money with ISO currencies; check-digit identifiers.
- ``access_log``: recording sensitive reads and exports.
- ``registry``: what other apps plug into the layout (search, scan, My day panels, nav).
- ``api``: the REST API root (django-ninja), its auth and its single error shape.
"""
