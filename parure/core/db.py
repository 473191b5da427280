"""Database-level guards shared by every app: append-only tables and sealed rows.

An append-only table refuses UPDATE, DELETE and (on PostgreSQL) TRUNCATE in the database
itself, so no code path — ours, an admin's shell or a stray script with database access —
can rewrite history. Corrections are new rows. The triggers are created by the
:class:`AppendOnly` migration operation and can be listed with :func:`append_only_tables`.
"""

from __future__ import annotations

from dataclasses import dataclass
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


# --- Sealed rows: a record that may change until it is final, then never ---------------------------
# An issued invoice is such a record: a draft is edited freely, and once ``status`` is 'issued' the
# database refuses every UPDATE and DELETE of the row, and every INSERT, UPDATE and DELETE of its
# lines. A correction is a new record (a credit note).


@dataclass(frozen=True)
class Seal:
    """``table``'s rows are sealed when ``column`` = ``value``; or, with ``parent``, when the parent row
    (``parent`` table, joined on ``fk``) is."""

    table: str
    column: str
    value: str
    parent: str = ""
    fk: str = ""

    @property
    def message(self) -> str:
        if self.parent:
            return f"{self.table} rows of a {self.parent} row whose {self.column} is {self.value} cannot change"
        return f"{self.table} rows whose {self.column} is {self.value} cannot change"


_SEALS: dict[str, Seal] = {}


def _seal_condition(seal: Seal, row: str) -> str:
    if seal.parent:
        # The names come from a migration's code, never from input.
        return f"(SELECT {seal.column} FROM {seal.parent} WHERE id = {row}.{seal.fk}) = '{seal.value}'"  # noqa: S608
    return f"{row}.{seal.column} = '{seal.value}'"


def _seal_install(vendor: str, seal: Seal) -> list[str]:
    table = seal.table
    if vendor == "sqlite":
        events = [("update", "UPDATE", "OLD"), ("delete", "DELETE", "OLD")]
        if seal.parent:
            events.append(("insert", "INSERT", "NEW"))
        return [
            f"CREATE TRIGGER IF NOT EXISTS {table}_sealed_{name} BEFORE {event} ON {table} "
            f"WHEN {_seal_condition(seal, row)} BEGIN SELECT RAISE(ABORT, '{seal.message}'); END;"
            for name, event, row in events
        ]
    if vendor == "postgresql":
        function = f"{table}_sealed"
        old, new = _seal_condition(seal, "OLD"), _seal_condition(seal, "NEW")
        refuse = f"RAISE EXCEPTION USING MESSAGE = '{seal.message}', ERRCODE = 'restrict_violation';"
        insert_check = f"IF TG_OP = 'INSERT' AND {new} THEN {refuse} END IF;" if seal.parent else ""
        operations = "INSERT OR UPDATE OR DELETE" if seal.parent else "UPDATE OR DELETE"
        return [
            f"""CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
BEGIN
    {insert_check}
    IF TG_OP IN ('UPDATE', 'DELETE') AND {old} THEN
        {refuse}
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;""",
            f"CREATE OR REPLACE TRIGGER {table}_sealed BEFORE {operations} ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}();",
        ]
    raise NotImplementedError(f"Sealed rows are not implemented for {vendor}.")


def _seal_remove(vendor: str, seal: Seal) -> list[str]:
    table = seal.table
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {table}_sealed_{name};" for name in ("update", "delete", "insert")]
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {table}_sealed ON {table};"]
    raise NotImplementedError(f"Sealed rows are not implemented for {vendor}.")


def register_seal(seal: Seal) -> None:
    _SEALS[seal.table] = seal


def seals() -> tuple[Seal, ...]:
    return tuple(_SEALS.values())


def install_seal(seal: Seal, connection: BaseDatabaseWrapper = default_connection) -> None:
    with connection.cursor() as cursor:
        for statement in _seal_install(connection.vendor, seal):
            cursor.execute(statement)


def remove_seal(seal: Seal, connection: BaseDatabaseWrapper = default_connection) -> None:
    """Lift the seal. Only for test-database teardown; never in a request."""
    with connection.cursor() as cursor:
        for statement in _seal_remove(connection.vendor, seal):
            cursor.execute(statement)


class SealWhen(Operation):
    """Migration operation: ``model_name``'s rows refuse change once ``column`` is ``value`` — or, with
    ``parent_model`` and ``fk``, once their parent row's is (its rows can then not be added either)."""

    reversible = True
    reduces_to_sql = True

    def __init__(self, model_name: str, column: str, value: str, parent_model: str = "", fk: str = "") -> None:
        self.model_name = model_name
        self.column = column
        self.value = value
        self.parent_model = parent_model
        self.fk = fk

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        kwargs = {"model_name": self.model_name, "column": self.column, "value": self.value}
        if self.parent_model:
            kwargs |= {"parent_model": self.parent_model, "fk": self.fk}
        return (self.__class__.__name__, [], kwargs)

    def state_forwards(self, app_label: str, state: Any) -> None:
        pass

    def _seal(self, app_label: str, state: Any) -> Seal:
        table = str(state.apps.get_model(app_label, self.model_name)._meta.db_table)
        parent = str(state.apps.get_model(app_label, self.parent_model)._meta.db_table) if self.parent_model else ""
        return Seal(table=table, column=self.column, value=self.value, parent=parent, fk=self.fk)

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        for statement in _seal_install(schema_editor.connection.vendor, self._seal(app_label, to_state)):
            schema_editor.execute(statement)

    def database_backwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        for statement in _seal_remove(schema_editor.connection.vendor, self._seal(app_label, from_state)):
            schema_editor.execute(statement)

    def describe(self) -> str:
        return f"Seal {self.model_name} rows once {self.column} is {self.value}"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name.lower()}_sealed"
