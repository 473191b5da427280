"""The catalogue's pages, one module per area, each with its ``urlpatterns``."""
