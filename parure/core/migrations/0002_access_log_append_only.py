"""The access log refuses UPDATE, DELETE and TRUNCATE in the database itself."""

from django.db import migrations

from parure.core.db import AppendOnly


class Migration(migrations.Migration):
    dependencies = [("core", "0001_offices_staff_access_log")]

    operations = [AppendOnly("AccessLogEntry")]
