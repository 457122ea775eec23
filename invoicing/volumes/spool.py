"""The spool: a checked file's rows kept from the preview for the import, as the lines COPY
reads, beside the customer and price item keys they were checked with. The preview parses the
file once and writes the spool; on confirmation the import merges it into the documents table
at the speed of `psql \\copy`, without reading the file again (invoicing/volumes/services.py).
It is this import's staging area: a file beside the upload rather than a table, so that a
preview costs the database nothing and a discarded import leaves nothing to vacuum.
"""

import json
import re
from pathlib import Path

from django.db import connection

from invoicing.volumes.models import VolumeDocument
from invoicing.volumes.sql import BATCH, DOCUMENT_COLUMNS, _fetch, _write, month_key, postgres


class Spool:
    """A checked file's rows, kept from the preview for the import: lines ready for COPY into
    the documents table, beside the customer and price item keys they were checked with.

    With it the import need not read and check the file again: if the keys still resolve the
    same, the lines go straight to the database, at the speed of `psql \\copy`.
    """

    def __init__(self, volume_import):
        self.volume_import = volume_import
        self.rows_path = self.keys_path = None
        # Beside the uploaded file; an import without one (a manual entry) has no spool.
        if volume_import.file:
            self.rows_path = Path(f"{volume_import.file.path}.rows")
            self.keys_path = Path(f"{volume_import.file.path}.keys")

    def fill(self, lines):
        """Spool the rows of a DocumentReader, as `rows(copy_lines_for=the import's id)`
        gives them: each the line COPY reads."""
        with self.rows_path.open("w", encoding="utf-8", newline="\n") as out:
            buffer = []
            for line in lines:
                buffer.append(line)
                if len(buffer) >= BATCH:
                    out.write("\n".join(buffer) + "\n")
                    buffer = []
            out.write("".join(f"{text}\n" for text in buffer))

    def new_by_month(self, id_range, rows_by_month):
        """How many spooled rows the import would add per month; the rest it would skip."""
        table = VolumeDocument._meta.db_table
        if id_range is None:
            return rows_by_month
        if not _imported_between(*id_range):
            return rows_by_month
        # Some may be imported: ask for each row, from the spool copied into a temporary table.
        columns = ("volume_import_id", *DOCUMENT_COLUMNS)
        with connection.cursor() as cursor:
            # The documents' own column types: the verifications compare in the collation
            # of the documents table, as the import's look-ups do.
            cursor.execute(
                f"CREATE TEMPORARY TABLE volume_spooled AS SELECT {', '.join(columns)}"
                f" FROM {table} WHERE 1 = 0"
            )
        self.copy_into("volume_spooled", columns, progress=lambda fraction: None)
        rows = _fetch(
            f"SELECT s.month, COUNT(*) FROM volume_spooled s WHERE NOT EXISTS"
            f" (SELECT 1 FROM {table} d WHERE d.external_id = s.external_id) GROUP BY s.month"
        )
        return {month_key(month): n for month, n in rows}

    def save_keys(self, keys):
        resolved = [[*key, *ids] for key, ids in keys.items()]
        self.keys_path.write_text(json.dumps(resolved), encoding="utf-8")

    def keys(self):
        if not (self.rows_path and self.rows_path.exists() and self.keys_path.exists()):
            return None
        return json.loads(self.keys_path.read_text(encoding="utf-8"))

    def copy(self, progress):
        """Every spooled row into the documents table (IntegrityError if one is there)."""
        columns = ("volume_import_id", *DOCUMENT_COLUMNS)
        self.copy_into(VolumeDocument._meta.db_table, columns, progress)

    def copy_into(self, table, columns, progress):
        if not postgres():
            _write(table, columns, self.rows(), None)
            return
        size = self.rows_path.stat().st_size or 1
        with (
            self.rows_path.open("rb") as source,
            connection.cursor() as cursor,
            connection.wrap_database_errors,
            cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy,
        ):
            while chunk := source.read(1 << 20):
                copy.write(chunk)
                progress(0.85 * source.tell() / size)

    def rows(self):
        """The spooled rows as tuples in the documents table's column order."""
        with self.rows_path.open(encoding="utf-8", newline="\n") as source:
            for line in source:
                pk, external_id, customer_id, item_id, day, month, amount = line[:-1].split("\t")
                yield (
                    int(pk),
                    _unescape(external_id),
                    int(customer_id),
                    int(item_id),
                    day,
                    month,
                    None if amount == "\\N" else amount,
                )

    def delete(self):
        if self.rows_path is None:
            return
        self.rows_path.unlink(missing_ok=True)
        self.keys_path.unlink(missing_ok=True)


def _imported_between(lowest, highest):
    """Whether a document imported before lies between the file's lowest and highest
    verification, in Python's order (by code point), which is what bounds the file's."""
    table = VolumeDocument._meta.db_table
    if _sorts_by_code_point():
        # The index answers in a moment.
        where = "external_id BETWEEN %s AND %s"
    else:
        # In a Swedish or ICU collation "B2" sorts after "a1", so the bounds would not hold
        # the file's verifications: compare bytes, which for UTF-8 is code-point order. Exact,
        # though without the index (one scan of the table, still cheaper than asking for
        # every row).
        where = 'external_id COLLATE "C" BETWEEN %s AND %s'
    return bool(_fetch(f"SELECT 1 FROM {table} WHERE {where} LIMIT 1", [lowest, highest]))


_CODE_POINT_COLLATIONS = {"C", "POSIX", "C.UTF-8", "C.utf8"}


def _sorts_by_code_point():
    """Whether the verification column orders text as Python does: its own collation, or the
    database's when it has none. SQLite's BINARY does."""
    if not postgres():
        return True
    table = VolumeDocument._meta.db_table
    ((name, provider, collate, database_collate, database_provider),) = _fetch(
        "SELECT co.collname, co.collprovider, co.collcollate, d.datcollate,"
        " to_jsonb(d) ->> 'datlocprovider'"
        " FROM pg_attribute a JOIN pg_collation co ON co.oid = a.attcollation"
        " CROSS JOIN pg_database d"
        " WHERE a.attrelid = %s::regclass AND a.attname = 'external_id'"
        " AND d.datname = current_database()",
        [table],
    )
    if name == "default":
        # PostgreSQL 15 may take the database's order from ICU; before it, only from libc.
        return database_provider in (None, "c") and database_collate in _CODE_POINT_COLLATIONS
    return name in _CODE_POINT_COLLATIONS or (provider == "c" and collate in _CODE_POINT_COLLATIONS)


_UNESCAPES = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}


def _unescape(text):
    if "\\" not in text:
        return text
    return re.sub(r"\\(.)", lambda match: _UNESCAPES[match[1]], text)
