"""On PostgreSQL, a trigram index so partial, infix search on the folded search column is fast.

SQLite reads the same column with LIKE (a scan, fine at the sizes SQLite is used for). If the
pg_trgm extension cannot be created (no privilege), the index is skipped and search still works,
only slower; `parure check` does not depend on it.
"""

from django.db import migrations, transaction


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception:  # noqa: BLE001 - without the extension, search falls back to a scan
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS clients_client_search_trgm "
        "ON clients_client USING gin (search_text gin_trgm_ops)"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS clients_inquiry_email_idx ON clients_inquiry (lower(email))"
    )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS clients_client_search_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS clients_inquiry_email_idx")


class Migration(migrations.Migration):
    dependencies = [("clients", "0002_client_book")]

    operations = [migrations.RunPython(create_trigram_index, drop_trigram_index)]
