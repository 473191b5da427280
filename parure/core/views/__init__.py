"""Core pages: sign-in and two-factor, My day, search, scan, account, staff, access log, health."""
