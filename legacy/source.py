"""Reading the original system's tables: a separate psycopg connection, streamed by keyset.

Each chunk is one ordinary query (``WHERE id > last ORDER BY id LIMIT n``) in autocommit: no
server-side cursor and no prepared statement, so the source may sit behind a transaction-mode
pooler (the original ran behind Supavisor) and never holds more than one chunk in memory."""

from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import unquote, urlsplit

import psycopg
from psycopg import sql
from psycopg.rows import dict_row

from core.exceptions import ApplicationError

# The columns read from each table; those in OPTIONAL_COLUMNS may be missing (the
# ``contact_scrape_status`` column came with the work order WO-2025-09-13-001).
TABLE_COLUMNS = {
    "domains": ("id", "domain"),
    "pages": (
        "id",
        "domain_id",
        "url",
        "page_curation_status",
        "page_processing_status",
        "page_processing_error",
        "contact_scrape_status",
        "created_at",
        "updated_at",
    ),
    "contacts": (
        "id",
        "domain_id",
        "page_id",
        "name",
        "email",
        "phone_number",
        "source_url",
        "created_at",
    ),
}
OPTIONAL_COLUMNS = {"pages": frozenset({"contact_scrape_status"})}
CONNECT_TIMEOUT_SECONDS = 10


class LegacySourceError(ApplicationError):
    """The original's database cannot be read: not reachable, or not the expected tables."""

    field = "database_url"


class LegacySource:
    """The original's tables in ``schema`` of an open connection."""

    def __init__(self, connection: psycopg.Connection, schema: str):
        self.connection = connection
        self.schema = schema
        self.columns = self._check_tables()

    def has_column(self, table: str, column: str) -> bool:
        return column in self.columns[table]

    def chunks(
        self, table: str, size: int, *, matching: tuple[str, str] | None = None
    ) -> Iterator[list[dict]]:
        """The table's rows as dicts, ``size`` at a time, in id order (a missing optional column
        reads as None); ``matching=(column, pattern)`` keeps the rows whose column matches the
        regular expression, in any letter case."""
        present = self.columns[table]
        fields = sql.SQL(", ").join(
            sql.Identifier(column)
            if column in present
            else sql.SQL("NULL AS {}").format(sql.Identifier(column))
            for column in TABLE_COLUMNS[table]
        )
        conditions: list[sql.Composable] = [sql.SQL("id > %s")]
        filters = []
        if matching is not None:
            conditions.append(sql.SQL("{} ~* %s").format(sql.Identifier(matching[0])))
            filters.append(matching[1])
        query = sql.SQL("SELECT {} FROM {} WHERE {} ORDER BY id LIMIT %s")
        first, after = (
            query.format(fields, sql.Identifier(self.schema, table), sql.SQL(" AND ").join(where))
            for where in (conditions[1:] or [sql.SQL("true")], conditions)
        )
        last = None
        while True:
            if last is None:
                rows = self._fetch(first, (*filters, size))
            else:
                rows = self._fetch(after, (last, *filters, size))
            if rows:
                yield rows
            if len(rows) < size:
                return
            last = rows[-1]["id"]

    def _fetch(self, query, params) -> list[dict]:
        try:
            with self.connection.cursor(row_factory=dict_row) as cursor:
                cursor.execute(query, params, prepare=False)
                return cursor.fetchall()
        except psycopg.Error as exc:
            raise LegacySourceError(f"reading the original's tables failed: {exc}") from exc

    def _check_tables(self) -> dict[str, frozenset[str]]:
        query = (
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = %s AND table_name = ANY(%s)"
        )
        found: dict[str, set[str]] = {table: set() for table in TABLE_COLUMNS}
        for row in self._fetch(query, (self.schema, list(TABLE_COLUMNS))):
            found[row["table_name"]].add(row["column_name"])
        missing_tables = [table for table, columns in found.items() if not columns]
        if missing_tables:
            raise LegacySourceError(
                f"schema {self.schema!r} has no table {', '.join(missing_tables)} "
                f"(expected the original's domains, pages and contacts)"
            )
        for table, columns in TABLE_COLUMNS.items():
            optional = OPTIONAL_COLUMNS.get(table, frozenset())
            missing = [c for c in columns if c not in found[table] and c not in optional]
            if missing:
                raise LegacySourceError(
                    f"table {self.schema}.{table} has no column {', '.join(missing)}"
                )
        return {table: frozenset(columns) for table, columns in found.items()}


@contextmanager
def open_source(database_url: str, schema: str) -> Iterator[LegacySource]:
    """Connect to the original's database (autocommit, no prepared statements) and check it."""
    try:
        connection = psycopg.connect(
            database_url,
            autocommit=True,
            prepare_threshold=None,
            connect_timeout=CONNECT_TIMEOUT_SECONDS,
        )
    except psycopg.Error as exc:
        message = _without_password(str(exc), database_url)
        raise LegacySourceError(f"cannot connect to the original's database: {message}") from None
    try:
        yield LegacySource(connection, schema)
    finally:
        connection.close()


def _without_password(message: str, database_url: str) -> str:
    """An error text may echo the connection string; the password never reaches the report."""
    try:
        password = urlsplit(database_url).password
    except ValueError:
        password = None
    for secret in filter(None, {password, password and unquote(password)}):
        message = message.replace(secret, "***")
    return message
