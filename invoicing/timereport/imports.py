"""Hours from a file (CSV or Excel), read by the shared tabular reader: every row is checked
against the same rules as the weekly grid, every error is listed by row and column, and the file
is saved whole or not at all."""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from customers.models import Customer, Service, User
from ekonomi.importing import ImportRefused, ReadNotes, Tally, refused
from ekonomi.periods import Month
from ekonomi.tabular import Field, FileProblem, Schema, open_table, values
from ekonomi.tabular import fields as common
from invoicing import closing
from invoicing.customer_names import customer_key, customer_keys
from invoicing.timereport.models import COMMENT_LENGTH, TimeEntry, TimeImport
from invoicing.timereport.services import Hours, HoursRejected, time_entries_save, time_problems

# Hours are kept to the hundredth (1,25); the 24-hour rule per person and day is the service's.
HOURS_MAX_PLACES = 2


def parse_hours(value):
    # Zero and negative hours are read, so that the service's rule says what is wrong with them.
    return values.parse_hours(value, places=HOURS_MAX_PLACES)


def _comment(value):
    return values.parse_text(value, max_length=COMMENT_LENGTH)


SCHEMA = Schema.single(
    "hours",
    [
        Field(
            "person",
            gettext_lazy("Person"),
            synonyms=(
                "Medarbetare",
                "Anställd",
                "Användare",
                "Användarnamn",
                "Handläggare",
                "Namn",
                "Employee",
                "User",
                "Username",
                "Staff",
            ),
            parse=values.text,
        ),
        common.CUSTOMER,
        Field(
            "service",
            gettext_lazy("Service"),
            synonyms=(
                "Tjänst",
                "Tjänstekod",
                "Tilläggstjänst",
                "Aktivitet",
                "Service",
                "Service code",
                "Activity",
            ),
            parse=values.parse_code,
        ),
        common.DATE,
        Field(
            "hours",
            gettext_lazy("Hours"),
            synonyms=(
                "Timmar",
                "Antal timmar",
                "Tid",
                "Arbetstid",
                "Nedlagd tid",
                "Hours",
                "Time",
                "Time spent",
            ),
            parse=parse_hours,
            summed=True,
        ),
        Field(
            "comment",
            gettext_lazy("Comment"),
            synonyms=("Kommentar", "Anteckning", "Beskrivning", "Text", "Note", "Description"),
            required=False,
            parse=_comment,
        ),
    ],
)


@dataclass
class HoursImported:
    record: TimeImport
    notes: ReadNotes
    # Months of the file already billed: their hours go on the next invoice as adjustments.
    billed: list

    @property
    def tally(self):
        record = self.record
        return Tally(
            read=record.rows_read,
            new=record.rows_added,
            present=record.rows_changed + record.rows_unchanged,
        )

    @property
    def to_confirm(self):
        # Confirmed at the preview: an officer may not know that a month is closed.
        if not self.billed:
            return []
        return [
            _(
                "%(months)s is already billed: the file's rows for it become adjustment lines "
                "on the next invoice."
            )
            % {"months": ", ".join(str(month) for month in self.billed)}
        ]


class _Rows:
    """Turns the records of a file into Hours, adding an error for every value that names
    nothing or repeats an earlier row."""

    def __init__(self, errors):
        self.errors = errors
        self.people = {u.username.casefold(): u for u in User.objects.all()}
        by_id = Customer.objects.in_bulk()
        self.customers = {key: by_id[pk] for key, (pk, _code) in customer_keys().items()}
        self.services = {s.code.upper(): s for s in Service.objects.all()}
        self.first_row_of = {}

    def _find(self, row, key, table, value, message):
        found = table.get(value)
        if found is None:
            self.errors.add(row, SCHEMA.label(key), message % {"value": value})
        return found

    def hours(self, row, record) -> Hours | None:
        found = [
            self._find(
                row,
                "person",
                self.people,
                record["person"].casefold(),
                _("There is no user “%(value)s”."),
            ),
            self._find(
                row,
                "customer",
                self.customers,
                customer_key(record["customer"]),
                _("There is no customer with the code “%(value)s”."),
            ),
            self._find(
                row,
                "service",
                self.services,
                record["service"],
                _("There is no service with the code “%(value)s”."),
            ),
        ]
        if None in found:
            return None
        item = Hours(*found, record["date"], record["hours"], record["comment"] or "", ref=row)
        earlier = self.first_row_of.setdefault(item.key, row)
        if earlier != row:
            self.errors.add(
                row,
                SCHEMA.label("date"),
                _("Row %(row)s already has hours for this person, customer, service and day.")
                % {"row": earlier},
            )
            return None
        return item


def _add_problems(errors, problems):
    for problem in problems:
        errors.add(problem.ref, SCHEMA.label(problem.field), problem.message)


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while block := stream.read(1024 * 1024):
            digest.update(block)
    return digest.hexdigest()


def hours_import(*, actor, path, file_name: str) -> HoursImported:
    """Read, check and save the file of hours at `path`. ImportRefused lists every error, and
    then nothing at all is saved."""
    try:
        with open_table(path, SCHEMA) as table:
            rows = _Rows(table.errors)
            items = [item for row, record in table.records() if (item := rows.hours(row, record))]
            notes = ReadNotes.of(table)
    except FileProblem as problem:
        raise refused(problem) from problem
    errors = table.errors
    if errors:
        # The rows that could be read are still checked, so that one round lists every error.
        _add_problems(errors, time_problems(actor=actor, items=items))
        raise ImportRefused(errors.sorted())
    try:
        with transaction.atomic():
            record = TimeImport.objects.create(
                file_name=Path(file_name).name[:255],
                sha256=_sha256(path),
                rows_read=len(items),
                created_by=actor,
            )
            result = time_entries_save(
                actor=actor, items=items, source=TimeEntry.Source.IMPORT, time_import=record
            )
            record.rows_added = result.added
            record.rows_changed = result.changed
            record.rows_unchanged = result.unchanged
            record.save(update_fields=["rows_added", "rows_changed", "rows_unchanged"])
            # Read under the month-close lock that the save took, so no month closes between.
            billed = closing.billed_months({Month.from_date(item.date) for item in items})
    except HoursRejected as rejected:
        # Raised inside the transaction, so the import record goes too.
        _add_problems(errors, rejected.problems)
        raise ImportRefused(errors.sorted()) from None
    return HoursImported(record, notes, billed)
