"""Database-level guards shared by every app: append-only tables.

An append-only table refuses UPDATE, DELETE and (on PostgreSQL) TRUNCATE in the database
itself, so no code path — ours, an admin's shell or a stray script with database access —
can rewrite history. Corrections are new rows. The triggers are created by the
:class:`AppendOnly` migration operation and can be listed with :func:`append_only_tables`.
"""

from __future__ import annotations

from typing import Any

from django.db import connection as default_connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.operations.base import Operation

_REGISTERED: set[str] = set()

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION parure_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = TG_TABLE_NAME || ' is append-only: rows cannot be changed or removed',
        ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
"""


def _statements_install(vendor: str, table: str) -> list[str]:
    if vendor == "sqlite":
        message = f"{table} is append-only: rows cannot be changed or removed"
        return [
            f"CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END;",
            f"CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{message}'); END;",
        ]
    if vendor == "postgresql":
        return [
            _PG_FUNCTION,
            f"CREATE OR REPLACE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION parure_refuse_change();",
            f"CREATE OR REPLACE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION parure_refuse_change();",
        ]
    raise NotImplementedError(f"Append-only tables are not implemented for {vendor}.")


def _statements_remove(vendor: str, table: str) -> list[str]:
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {table}_no_update;", f"DROP TRIGGER IF EXISTS {table}_no_delete;"]
    if vendor == "postgresql":
        return [
            f"DROP TRIGGER IF EXISTS {table}_no_change ON {table};",
            f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table};",
        ]
    raise NotImplementedError(f"Append-only tables are not implemented for {vendor}.")


def install_append_only(table: str, connection: BaseDatabaseWrapper = default_connection) -> None:
    with connection.cursor() as cursor:
        for statement in _statements_install(connection.vendor, table):
            cursor.execute(statement)


def remove_append_only(table: str, connection: BaseDatabaseWrapper = default_connection) -> None:
    """Drop the guard. Only for test-database teardown and a documented purge; never in a request."""
    with connection.cursor() as cursor:
        for statement in _statements_remove(connection.vendor, table):
            cursor.execute(statement)


def register_append_only(table: str) -> None:
    _REGISTERED.add(table)


def append_only_tables() -> frozenset[str]:
    return frozenset(_REGISTERED)


class AppendOnly(Operation):
    """Migration operation: make ``model_name``'s table refuse UPDATE, DELETE and TRUNCATE."""

    reversible = True
    reduces_to_sql = True

    def __init__(self, model_name: str) -> None:
        self.model_name = model_name

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (self.__class__.__name__, [], {"model_name": self.model_name})

    def state_forwards(self, app_label: str, state: Any) -> None:
        pass

    def _table(self, app_label: str, state: Any) -> str:
        return str(state.apps.get_model(app_label, self.model_name)._meta.db_table)

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        for statement in _statements_install(schema_editor.connection.vendor, self._table(app_label, to_state)):
            schema_editor.execute(statement)

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        for statement in _statements_remove(schema_editor.connection.vendor, self._table(app_label, from_state)):
            schema_editor.execute(statement)

    def describe(self) -> str:
        return f"Make {self.model_name} append-only"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name.lower()}_append_only"
