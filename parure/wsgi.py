"""WSGI entry point for production web processes (gunicorn ``parure.wsgi``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parure.settings")
application = get_wsgi_application()

# A web process loads WeasyPrint and unpacks the fonts before it takes a request, so the first
# person to print a receipt after a restart does not wait for it (bench/pdfs.py: over a second
# first, 0.4 s once warm). Management commands and the task worker do not import this module.
from parure.inventory import pdf  # noqa: E402

pdf.warm()
