"""WSGI entry point for production web processes (gunicorn ``parure.wsgi``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parure.settings")
application = get_wsgi_application()
