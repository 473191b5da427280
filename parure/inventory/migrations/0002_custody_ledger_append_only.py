"""The database itself refuses UPDATE, DELETE and TRUNCATE on the custody ledger and receipt versions."""

from django.db import migrations

from parure.core.db import AppendOnly


class Migration(migrations.Migration):
    dependencies = [
        ("inventory", "0001_custody_records_and_ledger"),
    ]

    operations = [
        AppendOnly("CustodyEvent"),
        AppendOnly("ConsignmentReceipt"),
    ]
