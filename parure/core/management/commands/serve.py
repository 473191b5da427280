"""``parure serve``: serve Parure with gunicorn (static files through WhiteNoise)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from gunicorn.app.base import BaseApplication


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from parure.wsgi import application

        return application


class Command(BaseCommand):
    help = "Serve Parure over HTTP (gunicorn). Put a TLS-terminating proxy in front in production."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--threads", type=int, default=4)

    def handle(self, *args: Any, **options: Any) -> None:
        address = f"{options['host']}:{options['port']}"
        self.stdout.write(f"Parure is serving on http://{address}/  (Ctrl+C to stop)")
        _Gunicorn(
            {
                "bind": address,
                "workers": options["workers"],
                "threads": options["threads"],
                "accesslog": None,  # Parure logs one structured line per request itself
                "reload": settings.DEBUG,
                "timeout": 60,
            }
        ).run()
