"""Hours from a CSV file, as it leaves a Swedish office: every row is checked against the same
rules as the weekly grid, every error is listed, and the file is saved whole or not at all."""

import codecs
import csv
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from customers.models import Customer, Service, User
from invoicing.timereport.models import TimeEntry, TimeImport
from invoicing.timereport.services import Hours, HoursRejected, time_entries_save, time_problems
from invoicing.volumes.files import parse_date

MAX_BYTES = 5 * 1024 * 1024
SEPARATORS = (";", "\t", ",")

# Header names as people write them, compared after case-folding; the first is the name that
# messages use for a column the file lacks.
COLUMNS = {
    "person": ("Person",),
    "customer": ("Förvaltning", "customer"),
    "service": ("Tjänst", "service"),
    "date": ("Datum", "date"),
    "hours": ("Timmar", "hours"),
    "comment": ("Kommentar", "comment"),
}
REQUIRED = ("person", "customer", "service", "date", "hours")

_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?", re.ASCII)
# Spaces, including the no-break kinds that Excel puts between thousands.
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


@dataclass(frozen=True)
class FileError:
    row: int | None
    column: str
    message: str


class ImportRejected(Exception):
    def __init__(self, errors: list[FileError]):
        self.errors = errors
        super().__init__(f"{len(errors)} errors")


def _not_csv():
    return ImportRejected(
        [
            FileError(
                None,
                "",
                _(
                    "The file is not a CSV text file; save it as CSV (semicolon separated) "
                    "and try again."
                ),
            )
        ]
    )


def decode(content: bytes) -> str:
    # A BOM settles it; otherwise strict UTF-8, which Windows-1252 text with å, ä or ö almost
    # never passes by accident; otherwise Windows-1252, what Excel writes on Swedish Windows.
    if b"\x00" in content:
        raise _not_csv()
    encodings = ["utf-8-sig"] if content.startswith(codecs.BOM_UTF8) else ["utf-8", "cp1252"]
    for encoding in encodings:
        try:
            return unicodedata.normalize("NFC", content.decode(encoding))
        except UnicodeDecodeError:
            continue
    raise _not_csv()


def _separator(header_line: str) -> str:
    return max(SEPARATORS, key=header_line.count)


def _records(text: str):
    """(file row number, fields) for each non-blank record; a quoted field may span lines."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(first_line))
    row = 1
    for fields in reader:
        if any(field.strip() for field in fields):
            yield row, fields
        row = reader.line_num + 1


def parse_hours(text: str) -> Decimal:
    number = _SPACES.sub("", text)
    if not _NUMBER.fullmatch(number):
        raise ValueError(_("“%(value)s” is not a number of hours.") % {"value": text})
    return Decimal(number.replace(",", "."))


def _fold(text: str) -> str:
    return text.strip().casefold()


_KNOWN = {_fold(name): column for column, names in COLUMNS.items() for name in names}


def _header(row: int, fields: list[str]):
    positions, errors = {}, []
    for index, name in enumerate(fields):
        column = _KNOWN.get(_fold(name))
        if column is None:
            continue
        if column in positions:
            errors.append(FileError(row, name.strip(), _("The column appears more than once.")))
        positions[column] = index
    for column in REQUIRED:
        if column not in positions:
            errors.append(FileError(row, COLUMNS[column][0], _("The required column is missing.")))
    return positions, errors


class _Reader:
    """Turns the rows of one file into Hours, collecting an error for every bad value."""

    def __init__(self, header: list[str], positions: dict[str, int]):
        self.width = len(header)
        self.positions = positions
        self.names = {column: header[index].strip() for column, index in positions.items()}
        self.people = {_fold(u.username): u for u in User.objects.all()}
        self.customers = {c.code.upper(): c for c in Customer.objects.all()}
        self.services = {s.code.upper(): s for s in Service.objects.all()}
        self.errors: list[FileError] = []
        self.first_row_of = {}

    def error(self, row, column, message):
        self.errors.append(FileError(row, self.names.get(column, column), message))

    def value(self, fields, column):
        index = self.positions.get(column)
        return fields[index].strip() if index is not None and index < len(fields) else ""

    def lookup(self, row, fields, column, table, key, message):
        text = self.value(fields, column)
        if not text:
            self.error(row, column, _("A value is required."))
            return None
        found = table.get(key(text))
        if found is None:
            self.error(row, column, message % {"value": text})
        return found

    def parsed(self, row, fields, column, parse):
        text = self.value(fields, column)
        if not text:
            self.error(row, column, _("A value is required."))
            return None
        try:
            return parse(text)
        except ValueError as error:
            self.error(row, column, str(error))
            return None

    def read(self, row: int, fields: list[str]) -> Hours | None:
        # Empty fields past the header are a trailing separator, which some programs write.
        if any(field.strip() for field in fields[self.width :]):
            self.error(
                row,
                "",
                _(
                    "The row has %(found)s fields but the header has %(expected)s; put quotes "
                    "around values that contain the separator."
                )
                % {"found": len(fields), "expected": self.width},
            )
            return None
        values = [
            self.lookup(
                row, fields, "person", self.people, _fold, _("There is no user “%(value)s”.")
            ),
            self.lookup(
                row,
                fields,
                "customer",
                self.customers,
                str.upper,
                _("There is no customer with the code “%(value)s”."),
            ),
            self.lookup(
                row,
                fields,
                "service",
                self.services,
                str.upper,
                _("There is no service with the code “%(value)s”."),
            ),
            self.parsed(row, fields, "date", parse_date),
            self.parsed(row, fields, "hours", parse_hours),
        ]
        if any(value is None for value in values):
            return None
        item = Hours(*values, comment=self.value(fields, "comment"), ref=row)
        earlier = self.first_row_of.setdefault(item.key, row)
        if earlier != row:
            self.error(
                row,
                "date",
                _("Row %(row)s already has hours for this person, customer, service and day.")
                % {"row": earlier},
            )
            return None
        return item


@dataclass
class HoursFile:
    items: list[Hours]
    errors: list[FileError]
    # Column key -> the header as the file writes it, so that messages name what the user sees.
    names: dict[str, str]
    order: dict[str, int]

    def add_problems(self, problems):
        self.errors += [
            FileError(p.ref, self.names.get(p.field, p.field), p.message) for p in problems
        ]

    def sorted_errors(self) -> list[FileError]:
        columns = {name: self.order[key] for key, name in self.names.items()}
        return sorted(self.errors, key=lambda e: (e.row or 0, columns.get(e.column, -1)))


def read_hours(content: bytes) -> HoursFile:
    if not content.strip():
        raise ImportRejected([FileError(None, "", _("The file is empty."))])
    records = _records(decode(content))
    first = next(records, None)
    if first is None:
        raise ImportRejected([FileError(None, "", _("The file is empty."))])
    header_row, header = first
    positions, errors = _header(header_row, header)
    if errors:
        raise ImportRejected(errors)
    reader = _Reader(header, positions)
    items = [item for row, fields in records if (item := reader.read(row, fields))]
    if not items and not reader.errors:
        raise ImportRejected([FileError(None, "", _("The file has no rows of hours."))])
    return HoursFile(items, reader.errors, reader.names, positions)


@transaction.atomic
def hours_import(*, actor, file_name: str, content: bytes) -> TimeImport:
    """Read, check and save a file of hours. ImportRejected lists every error, and then
    nothing at all is saved."""
    if len(content) > MAX_BYTES:
        raise ImportRejected(
            [
                FileError(
                    None,
                    "",
                    _("The file is larger than %(limit)s MB.")
                    % {"limit": MAX_BYTES // (1024 * 1024)},
                )
            ]
        )
    hours_file = read_hours(content)
    if hours_file.errors:
        # The rows that could be read are still checked, so that one round lists every error.
        hours_file.add_problems(time_problems(actor=actor, items=hours_file.items))
        raise ImportRejected(hours_file.sorted_errors())
    record = TimeImport.objects.create(
        file_name=file_name[:255],
        sha256=hashlib.sha256(content).hexdigest(),
        rows_read=len(hours_file.items),
        created_by=actor,
    )
    try:
        result = time_entries_save(
            actor=actor, items=hours_file.items, source=TimeEntry.Source.IMPORT, time_import=record
        )
    except HoursRejected as rejected:
        # Raised inside the transaction, so the import record above goes too.
        hours_file.add_problems(rejected.problems)
        raise ImportRejected(hours_file.sorted_errors()) from None
    record.rows_added = result.added
    record.rows_changed = result.changed
    record.rows_unchanged = result.unchanged
    record.save(update_fields=["rows_added", "rows_changed", "rows_unchanged"])
    return record
