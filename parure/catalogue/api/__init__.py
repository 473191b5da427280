"""The catalogue's API, under /api/v1/catalogue/: one router per area, mounted on ``router``."""
