"""``parure createuser``: add a member of staff with a role and an office."""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from parure.core.choices import Role
from parure.core.models import Office, Staff


class Command(BaseCommand):
    help = "Create a member of staff. The password is asked for, or read from standard input."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--office", required=True, help="Office code, e.g. NY")
        parser.add_argument("--email", default="")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--password-stdin", action="store_true", help="Read the password from standard input.")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        if Staff.objects.filter(username=username).exists():
            raise CommandError(f"A member of staff with the username ‘{username}’ already exists.")
        office = Office.objects.filter(code=options["office"].upper()).first()
        if office is None:
            codes = ", ".join(Office.objects.values_list("code", flat=True)) or "none yet"
            raise CommandError(f"There is no office with the code ‘{options['office']}’ (offices: {codes}).")
        if options["password_stdin"]:
            password = sys.stdin.readline().rstrip("\n")
        else:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The two passwords differ.")
        staff = Staff(
            username=username,
            role=options["role"],
            office=office,
            email=options["email"],
            first_name=options["first_name"],
            last_name=options["last_name"],
        )
        try:
            validate_password(password, staff)
        except ValidationError as error:
            raise CommandError("Password refused: " + " ".join(error.messages)) from None
        staff.set_password(password)
        staff.save()
        self.stdout.write(self.style.SUCCESS(f"Created {username} ({Role(staff.role).label}, {office.name})."))
