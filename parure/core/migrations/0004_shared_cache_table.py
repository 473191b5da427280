"""The database cache's table, where rate limits are counted when no Redis is configured.

``createcachetable`` creates the table of every configured database cache and skips those that
exist, so running it here keeps ``parure migrate`` the one command a deployment needs. With a
Redis cache it does nothing.
"""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_background_jobs")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
