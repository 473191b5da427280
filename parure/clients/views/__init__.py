"""The client book's pages (mounted at /clients/, namespace "clients").

- ``clients``: the book, a file, its changes, compliance, merge, erasure, data-subject export;
- ``diary``: appointments, day and week calendars, the ICS feed;
- ``work``: follow-ups, the inquiry queue and the matching page;
- ``transfer``: import and export;
- ``public``: the public inquiry form (no sign-in).
"""
