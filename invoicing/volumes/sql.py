"""Where checked rows meet the database: the staging table of the check (duplicates, what is
new), the import's writes, and the COPY helpers the spool (invoicing/volumes/spool.py) uses.

PostgreSQL gets the rows through COPY in its text format, which is the fastest way in; SQLite
(development and tests) through batched inserts with the same effect.
"""

from collections import Counter
from datetime import date
from functools import partial

from django.db import connection
from django.utils.translation import gettext as _

from ekonomi.periods import Month
from invoicing.volumes.files import Shape, label
from invoicing.volumes.models import MonthlyVolume, VolumeCount, VolumeDocument

BATCH = 10_000
# More suspects than this would not fit one statement's parameters: SQL looks at every row.
SUSPECTS_MAX = 10_000

DOCUMENT_COLUMNS = (
    "external_id",
    "customer_id",
    "price_item_id",
    "date",
    "month",
    "amount",
)
COUNT_COLUMNS = ("customer_id", "price_item_id", "month", "quantity")


def postgres():
    return connection.vendor == "postgresql"


def month_key(value):
    # SQLite hands dates back from raw SQL as text.
    return str(Month.from_date(value if isinstance(value, date) else date.fromisoformat(value)))


# COPY's text format: a backslash, tab or line break in a value is escaped.
COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _escape(text):
    # Verification numbers are nearly always letters and digits; only others need escaping.
    # They are the only free text: the other values are numbers, ISO dates and checked amounts.
    return text if text.isalnum() else text.translate(COPY_ESCAPES)


def _document_line(first, row):
    """A reader's document row for COPY, led by `first` instead of its row number."""
    _number, external_id, customer_id, item_id, day, month, amount = row
    amount = "\\N" if amount is None else amount
    return f"{first}\t{_escape(external_id)}\t{customer_id}\t{item_id}\t{day}\t{month}\t{amount}"


def _stage_document_line(row):
    return f"{row[0]}\t{_escape(row[1])}\t{row[5]}"


def _stage_count_line(row):
    return "\t".join(map(str, row))


def _write(table, columns, rows, line):
    """Write rows (tuples in column order) to a table, in one COPY or in batched inserts."""
    with connection.cursor() as cursor:
        if postgres():
            # The raw psycopg cursor, whose errors Django would not translate by itself.
            copy_sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
            with connection.wrap_database_errors, cursor.cursor.copy(copy_sql) as copy:
                buffer = []
                for row in rows:
                    buffer.append(line(row))
                    if len(buffer) >= BATCH:
                        copy.write("\n".join(buffer) + "\n")
                        buffer = []
                if buffer:
                    copy.write("\n".join(buffer) + "\n")
            return
        marks = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
        batch = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def _fetch(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class Stage:
    """The check's temporary table: the file's valid rows, for the questions that need all of
    them at once (duplicates, what is new). It disappears with the check's transaction."""

    NAME = "volume_stage"
    # What the questions need, and no more: every column costs the server time to read.
    COLUMNS = {
        Shape.DOCUMENTS: (("row_number", "integer"), ("external_id", "text"), ("month", "date")),
        Shape.COUNTS: (
            ("row_number", "integer"),
            ("customer_id", "bigint"),
            ("price_item_id", "bigint"),
            ("month", "date"),
            ("quantity", "bigint"),
        ),
    }

    def __init__(self, shape):
        self.shape = shape
        self.columns = [name for name, _type in self.COLUMNS[shape]]
        definition = ", ".join(f"{name} {kind}" for name, kind in self.COLUMNS[shape])
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE TEMPORARY TABLE {self.NAME} ({definition})")
            if postgres():
                # Room to group a million verifications in memory rather than on disk.
                cursor.execute("SET LOCAL work_mem = '64MB'")

    def fill(self, rows):
        if self.shape == Shape.COUNTS:
            _write(self.NAME, self.columns, rows, _stage_count_line)
            return
        if not postgres():
            rows = ((row[0], row[1], row[5]) for row in rows)
        _write(self.NAME, self.columns, rows, _stage_document_line)
        if postgres():
            with connection.cursor() as cursor:
                # Temporary tables are never analysed by autovacuum; the planner needs to know.
                cursor.execute(f"ANALYZE {self.NAME}")

    def check(self, errors, suspects=None):
        """Report rows that repeat an earlier row; only `suspects` (verifications) if given."""
        if self.shape == Shape.DOCUMENTS:
            key, column = "external_id", label("external_id")
        else:
            key, column = "customer_id, price_item_id, month", label("quantity")
        where, params = "", []
        if suspects is not None and len(suspects) <= SUSPECTS_MAX:
            if not suspects:
                return
            where = f"WHERE external_id IN ({', '.join(['%s'] * len(suspects))})"
            params = suspects
        on = " AND ".join(f"f.{name} = s.{name}" for name in key.split(", "))
        rows = _fetch(
            f"""
            SELECT s.row_number, f.first_row, s.{key.split(", ")[0]}
            FROM {self.NAME} s
            JOIN (SELECT {key}, MIN(row_number) AS first_row FROM {self.NAME} {where}
                  GROUP BY {key} HAVING COUNT(*) > 1) f ON {on}
            WHERE s.row_number > f.first_row
            ORDER BY s.row_number
            """,
            params,
        )
        for number, first, external_id in rows:
            if self.shape == Shape.DOCUMENTS:
                message = _("The verification “%(id)s” is already on row %(row)s of the file.") % {
                    "id": external_id,
                    "row": first,
                }
            else:
                message = _(
                    "Row %(row)s of the file already has a count for this customer, price item "
                    "and month."
                ) % {"row": first}
            errors.add(number, column, message)

    def new_counts_by_month(self):
        """How many counts the import would add per month: those that change the count in
        force; the rest it would skip."""
        rows = _fetch(
            f"SELECT s.month, COUNT(*) FROM {self.NAME} s WHERE NOT EXISTS"
            f" (SELECT 1 FROM {MonthlyVolume._meta.db_table} v"
            " WHERE v.customer_id = s.customer_id AND v.price_item_id = s.price_item_id"
            " AND v.month = s.month AND v.counted = s.quantity) GROUP BY s.month"
        )
        return {month_key(month): n for month, n in rows}


def write_documents(volume_import, rows):
    """Add the documents not imported before; the number added per month.

    The check has made sure that the file holds each verification once, and closing.lock()
    that no one else adds any meanwhile; so asking for each batch which verifications exist
    and copying the rest straight into the table is safe, and faster than staging the rows
    and merging them with INSERT … ON CONFLICT.
    """
    table = VolumeDocument._meta.db_table
    columns = ("volume_import_id", *DOCUMENT_COLUMNS)
    line = partial(_document_line, volume_import.pk)
    added = Counter()
    batch = []

    def flush():
        existing = _existing_ids([row[1] for row in batch])
        new = [row for row in batch if row[1] not in existing]
        added.update(row[5] for row in new)
        if postgres():
            _write(table, columns, new, line)
        else:
            _write(table, columns, [(volume_import.pk, *row[1:]) for row in new], line)
        batch.clear()

    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            flush()
    flush()
    return {month_key(month): n for month, n in added.items()}


def _existing_ids(external_ids):
    if not external_ids:
        return set()
    table = VolumeDocument._meta.db_table
    if postgres():
        found = _fetch(
            f"SELECT external_id FROM {table} WHERE external_id = ANY(%s)", [external_ids]
        )
        return {external_id for (external_id,) in found}
    # SQLite allows a limited number of parameters per statement.
    return set(
        VolumeDocument.objects.filter(external_id__in=external_ids).values_list(
            "external_id", flat=True
        )
    )


def write_counts(volume_import, rows):
    """Add the counts that change the count in force; the number added per month."""
    added = Counter()
    batch = []

    def flush():
        in_force = {
            (customer_id, item_id, start.isoformat()): counted
            for customer_id, item_id, start, counted in MonthlyVolume.objects.filter(
                month__in={row[3] for row in batch}
            ).values_list("customer_id", "price_item_id", "month", "counted")
        }
        new = [
            VolumeCount(
                volume_import=volume_import,
                customer_id=customer_id,
                price_item_id=item_id,
                month=date.fromisoformat(start),
                quantity=quantity,
            )
            for _number, customer_id, item_id, start, quantity in batch
            if in_force.get((customer_id, item_id, start)) != quantity
        ]
        VolumeCount.objects.bulk_create(new)
        added.update(month_key(count.month) for count in new)
        batch.clear()

    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            flush()
    flush()
    return dict(added)
