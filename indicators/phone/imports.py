"""Reading the phone system's export: per group number and day (or hour), calls offered,
answered and abandoned, average and longest wait. Every error names its row and column, and a
file with any error saves nothing."""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from customers.models import Unit
from indicators.phone import reader
from indicators.phone.models import PhoneImport, PhoneTraffic

ERROR_LIMIT = 100
# key: ((Swedish label, other names the export uses), required)
COLUMNS = {
    "number": (("Gruppnummer", "Nummer", "Group number"), True),
    "day": (("Datum", "Dag", "Date"), True),
    "hour": (("Timme", "Hour"), False),
    "offered": (("Erbjudna", "Inkommande", "Offered"), True),
    "answered": (("Besvarade", "Answered"), True),
    "abandoned": (("Avbrutna", "Tappade", "Abandoned"), True),
    "average_wait": (("Medelväntetid (s)", "Medelväntetid", "Average wait"), True),
    "longest_wait": (("Längsta väntetid (s)", "Längsta väntetid", "Longest wait"), True),
}
NUMBERS = ("offered", "answered", "abandoned", "average_wait", "longest_wait")
_DATE = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})(?:[T ]00:00(?::00)?)?", re.ASCII)


def label(key):
    return COLUMNS[key][0][0]


def phone_digits(number: str) -> str:
    """The digits of a phone number, in national form: "+46 8-508 21 000" -> "0850821000"."""
    digits = re.sub(r"\D", "", number)
    return "0" + digits[2:] if number.strip().startswith("+46") else digits


class ImportRefused(Exception):
    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors  # [(row, column, message)], row and column None for the whole file


@dataclass
class _Reading:
    units: dict
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    seen: dict = field(default_factory=dict)

    def error(self, row, key, message):
        self.errors.append((row, label(key) if key else None, message))


def _whole(text):
    if not re.fullmatch(r"\d+", text.replace(" ", "").replace("\u00a0", ""), re.ASCII):
        raise ValueError(_("“%(text)s” is not a whole number of 0 or more.") % {"text": text})
    return int(text.replace(" ", "").replace("\u00a0", ""))


def _day(text):
    match = _DATE.fullmatch(text)
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except (TypeError, ValueError):
        raise ValueError(
            _("“%(text)s” is not a date; write it like 2012-03-31.") % {"text": text}
        ) from None


def _read_row(reading, number, values):
    errors_before = len(reading.errors)
    unit = reading.units.get(phone_digits(values["number"]))
    if unit is None:
        reading.error(
            number,
            "number",
            _("The group number “%(number)s” belongs to no unit.") % {"number": values["number"]},
        )
    parsed = {}
    for key in ("day", *NUMBERS):
        try:
            parsed[key] = _day(values[key]) if key == "day" else _whole(values[key])
        except ValueError as error:
            reading.error(number, key, str(error))
    hour = values.get("hour", "")
    parsed["hour"] = None
    if hour:
        try:
            parsed["hour"] = _whole(hour)
            if parsed["hour"] > 23:
                raise ValueError(_("An hour of the day is 0 to 23."))
        except ValueError as error:
            reading.error(number, "hour", str(error))
    if len(reading.errors) > errors_before:
        return
    if parsed["answered"] > parsed["offered"]:
        reading.error(
            number,
            "answered",
            _("More calls answered (%(answered)s) than offered (%(offered)s).")
            % {"answered": parsed["answered"], "offered": parsed["offered"]},
        )
    if parsed["abandoned"] > parsed["offered"]:
        reading.error(
            number,
            "abandoned",
            _("More calls abandoned (%(abandoned)s) than offered (%(offered)s).")
            % {"abandoned": parsed["abandoned"], "offered": parsed["offered"]},
        )
    _check_once(reading, number, unit, parsed)
    if len(reading.errors) == errors_before:
        reading.rows.append(PhoneTraffic(unit=unit, **parsed))


def _check_once(reading, number, unit, parsed):
    """A day is given whole or by hour, and each hour once."""
    day_key = (unit.pk, parsed["day"])
    hours = reading.seen.setdefault(day_key, set())
    hour = parsed["hour"]
    if hour in hours or (hours and (hour is None or None in hours)):
        reading.error(
            number,
            "hour" if hour is not None else "day",
            _("%(day)s for %(unit)s is already in the file (row by day and by hour, or twice).")
            % {"day": parsed["day"].isoformat(), "unit": unit.code},
        )
    hours.add(hour)


def phone_import(*, content: bytes, file_name: str, user) -> PhoneImport:
    """Read the file and store its rows; a day already stored for a unit is replaced."""
    units = {phone_digits(u.phone): u for u in Unit.objects.exclude(phone="")}
    reading = _Reading(units)
    try:
        for number, values in reader.read_rows(content, COLUMNS):
            _read_row(reading, number, values)
            if len(reading.errors) >= ERROR_LIMIT:
                break
    except reader.FileProblem as problem:
        raise ImportRefused([(None, None, str(problem))]) from problem
    if reading.errors:
        raise ImportRefused(reading.errors)
    if not reading.rows:
        raise ImportRefused([(None, None, _("The file has no rows of calls."))])
    days = [row.day for row in reading.rows]
    with transaction.atomic():
        phone_import = PhoneImport.objects.create(
            file_name=file_name,
            rows=len(reading.rows),
            first_day=min(days),
            last_day=max(days),
            created_by=user,
        )
        days_of_unit = defaultdict(list)
        for unit_id, day in reading.seen:
            days_of_unit[unit_id].append(day)
        for unit_id, unit_days in days_of_unit.items():
            PhoneTraffic.objects.filter(unit_id=unit_id, day__in=unit_days).delete()
        for row in reading.rows:
            row.phone_import = phone_import
        PhoneTraffic.objects.bulk_create(reading.rows, batch_size=2000)
    return phone_import
