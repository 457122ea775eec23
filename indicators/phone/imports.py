"""Reading the phone system's export through the shared tabular reader: per group number and
day (or hour), calls offered, answered and abandoned, average and longest wait in seconds
(written as seconds, as m:ss or as h:mm:ss).
Every error names its row and column, and a file with any error saves nothing."""

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import time

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from customers.models import Unit
from ekonomi.importing import ImportRefused, ReadNotes, Tally, refused
from ekonomi.tabular import Field, FileProblem, Schema, open_table, values
from indicators.phone.models import PhoneImport, PhoneTraffic

HOURS_PER_DAY = 24


# The hour a row is for, as phone systems write it: "9", "09:00", "09:00-10:00", "9-10".
_HOUR = re.compile(r"(\d{1,2})(?::00)?(?:\s*[-\u2013]\s*\d{1,2}(?::00)?)?")


def _hour(value):
    if isinstance(value, time):
        hour = value.hour
    elif isinstance(value, str) and (match := _HOUR.fullmatch(value.strip())):
        hour = int(match.group(1))
    else:
        hour = values.parse_whole(value)
    if hour >= HOURS_PER_DAY:
        raise ValueError(_("An hour of the day is 0 to 23."))
    return hour


def _count(key, label, *names, parse=values.parse_whole):
    return Field(key, label, synonyms=names, parse=parse, summed=True)


SCHEMA = Schema.single(
    "phone_statistics",
    [
        Field(
            "number",
            gettext_lazy("Group number"),
            synonyms=("Gruppnummer", "Gruppnr", "Nummer", "Telefonnummer", "Group number"),
            parse=values.text,
        ),
        Field(
            "day",
            gettext_lazy("Date"),
            synonyms=("Datum", "Dag", "Date", "Day"),
            parse=values.parse_date,
        ),
        Field(
            "hour",
            gettext_lazy("Hour"),
            synonyms=("Timme", "Tim", "Hour"),
            required=False,
            parse=_hour,
        ),
        _count("offered", gettext_lazy("Offered"), "Erbjudna", "Inkommande", "Offered"),
        _count("answered", gettext_lazy("Answered"), "Besvarade", "Answered"),
        _count("abandoned", gettext_lazy("Abandoned"), "Avbrutna", "Tappade", "Abandoned"),
        _count(
            "average_wait",
            gettext_lazy("Average wait (s)"),
            "Medelväntetid",
            "Medel väntetid",
            "Average wait",
            parse=values.parse_seconds,
        ),
        _count(
            "longest_wait",
            gettext_lazy("Longest wait (s)"),
            "Längsta väntetid",
            "Max väntetid",
            "Longest wait",
            parse=values.parse_seconds,
        ),
    ],
)


def phone_digits(number: str) -> str:
    """The digits of a phone number, in national form: "+46 8-508 21 000" -> "0850821000"."""
    digits = re.sub(r"\D", "", number)
    return "0" + digits[2:] if number.strip().startswith("+46") else digits


@dataclass
class PhoneImported:
    record: PhoneImport
    notes: ReadNotes
    # Rows of a unit and day that were stored before, and are replaced.
    replaced: int

    @property
    def tally(self):
        rows = self.record.rows
        return Tally(read=rows, new=rows - self.replaced, present=self.replaced)


def _check(row, record, units, seen, errors):
    """The row's unit, or None after adding to `errors` what is wrong with the row."""
    unit = units.get(phone_digits(record["number"]))
    faults = []
    if unit is None:
        message = _("The group number “%(number)s” belongs to no unit.")
        faults.append(("number", message % {"number": record["number"]}))
    for key, message in (
        ("answered", _("More calls answered (%(answered)s) than offered (%(offered)s).")),
        ("abandoned", _("More calls abandoned (%(abandoned)s) than offered (%(offered)s).")),
    ):
        if record[key] > record["offered"]:
            faults.append((key, message % record))
    if unit is not None:
        # A day is given whole or by hour, and each hour once.
        hours = seen.setdefault((unit.pk, record["day"]), set())
        hour = record["hour"]
        if hour in hours or (hours and (hour is None or None in hours)):
            faults.append(
                (
                    "day" if hour is None else "hour",
                    _("%(day)s for %(unit)s is already in the file (by day and by hour, or twice).")
                    % {"day": record["day"].isoformat(), "unit": unit.code},
                )
            )
        hours.add(hour)
    for key, message in faults:
        errors.add(row, SCHEMA.label(key), message)
    return None if faults else unit


def phone_import(*, path, file_name: str, user) -> PhoneImported:
    """Read the file at `path` and store its rows; a day already stored for a unit is replaced."""
    units = {phone_digits(u.phone): u for u in Unit.objects.exclude(phone="")}
    rows, seen = [], {}
    try:
        with open_table(path, SCHEMA) as table:
            for row, record in table.records():
                unit = _check(row, record, units, seen, table.errors)
                if unit is not None:
                    del record["number"]
                    rows.append(PhoneTraffic(unit=unit, **record))
            notes = ReadNotes.of(table)
    except FileProblem as problem:
        raise refused(problem) from problem
    if table.errors:
        raise ImportRefused(table.errors.sorted())
    days = [row.day for row in rows]
    with transaction.atomic():
        phone_import = PhoneImport.objects.create(
            file_name=file_name,
            rows=len(rows),
            first_day=min(days),
            last_day=max(days),
            created_by=user,
        )
        days_of_unit = defaultdict(list)
        for unit_id, day in seen:
            days_of_unit[unit_id].append(day)
        stored = set()
        for unit_id, unit_days in days_of_unit.items():
            before = PhoneTraffic.objects.filter(unit_id=unit_id, day__in=unit_days)
            stored.update((unit_id, day) for day in before.values_list("day", flat=True))
            before.delete()
        for row in rows:
            row.phone_import = phone_import
        PhoneTraffic.objects.bulk_create(rows, batch_size=2000)
    replaced = sum((row.unit_id, row.day) in stored for row in rows)
    return PhoneImported(phone_import, notes, replaced)
