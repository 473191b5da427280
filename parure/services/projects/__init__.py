"""Custom design projects: the brief, the milestone chain with sign-offs, staged payments, files, reservations."""
