"""The ``parure`` console command: Django's management commands under one name.

``parure serve``, ``parure migrate``, ``parure demo``, ``parure createuser``, ``parure check``,
``parure worker``, ``parure backup`` and ``parure restore`` are all management commands; this
entry point only points Django at Parure's settings first.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "parure.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
