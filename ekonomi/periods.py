"""Reporting periods as value objects: Month, Tertial (T1 Jan-Apr, T2 May-Aug, T3 Sep-Dec), Year.

Every period is a half-open date range [start, end), so that consecutive periods share a
boundary without overlapping and a database filter reads `date >= start, date < end`.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Q
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

MIN_YEAR = 1900
MAX_YEAR = 2999
MONTHS_PER_TERTIAL = 4
TERTIALS_PER_YEAR = 3
EN_DASH = "\u2013"

# Months are stored as the first day of the month: a date sorts, filters by range and indexes
# like any date, and Month.from_date() turns it back into the value object. Models with a
# `month` date field state it as a check constraint.
FIRST_OF_MONTH = Q(month__day=1)

# re.ASCII: without it \d also accepts other scripts' digits, which int() would then read.
_MONTH_CODE = re.compile(r"(\d{4})-(\d{2})", re.ASCII)
_TERTIAL_CODE = re.compile(r"(\d{4})-[Tt](\d)", re.ASCII)
_YEAR_CODE = re.compile(r"(\d{4})", re.ASCII)


def _check_int(value, name):
    # bool is an int subclass; Month(True, 1) would otherwise be accepted silently.
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, not {type(value).__name__}")


def _check_year(year):
    _check_int(year, "year")
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(
            _("The year %(year)d is out of range; use a year from %(min)d to %(max)d.")
            % {"year": year, "min": MIN_YEAR, "max": MAX_YEAR}
        )


def _check_date(value):
    # A datetime is a date subclass, but its calendar day depends on the time zone it is
    # read in; the caller must convert to a local date first, so refuse it here.
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"expected a datetime.date, not {type(value).__name__}")


def _month_name(number):
    # Django's month names are lazy, so this follows the active language ("mars" in sv).
    return str(MONTHS[number]).lower()


def _text(text):
    if not isinstance(text, str):
        raise TypeError(f"expected a str, not {type(text).__name__}")
    return text.strip()


class _Span:
    def __contains__(self, value):
        _check_date(value)
        return self.start <= value < self.end


@dataclass(frozen=True, order=True)
class Month(_Span):
    year: int
    month: int

    def __post_init__(self):
        _check_year(self.year)
        _check_int(self.month, "month")
        if not 1 <= self.month <= 12:
            raise ValueError(
                _("There is no month %(month)d; months are numbered 1 to 12.")
                % {"month": self.month}
            )

    @classmethod
    def from_date(cls, value):
        _check_date(value)
        return cls(value.year, value.month)

    @classmethod
    def range(cls, first, last):
        # Inclusive on both ends, as people say it ("March to June"); empty if reversed.
        return [cls._from_ordinal(n) for n in range(first._ordinal, last._ordinal + 1)]

    @classmethod
    def parse(cls, text):
        text = _text(text)
        match = _MONTH_CODE.fullmatch(text)
        if not match:
            raise ValueError(
                _("“%(text)s” is not a month; write it like 2012-03.") % {"text": text}
            )
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def _from_ordinal(cls, ordinal):
        year, index = divmod(ordinal, 12)
        return cls(year, index + 1)

    @property
    def _ordinal(self):
        return self.year * 12 + self.month - 1

    @property
    def start(self):
        return date(self.year, self.month, 1)

    @property
    def end(self):
        # Computed directly rather than via next(), which refuses to leave MAX_YEAR.
        year, index = divmod(self._ordinal + 1, 12)
        return date(year, index + 1, 1)

    @property
    def tertial(self):
        return Tertial(self.year, (self.month - 1) // MONTHS_PER_TERTIAL + 1)

    @property
    def year_period(self):
        return Year(self.year)

    @property
    def label(self):
        return f"{_month_name(self.month)} {self.year}"

    def months(self):
        return [self]

    def previous(self):
        return self._from_ordinal(self._ordinal - 1)

    def next(self):
        return self._from_ordinal(self._ordinal + 1)

    def __str__(self):
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True, order=True)
class Tertial(_Span):
    year: int
    number: int

    def __post_init__(self):
        _check_year(self.year)
        _check_int(self.number, "number")
        if not 1 <= self.number <= TERTIALS_PER_YEAR:
            raise ValueError(
                _("There is no tertial %(number)d; a year has tertials 1 to 3.")
                % {"number": self.number}
            )

    @classmethod
    def from_date(cls, value):
        return Month.from_date(value).tertial

    @classmethod
    def parse(cls, text):
        text = _text(text)
        match = _TERTIAL_CODE.fullmatch(text)
        if not match:
            raise ValueError(
                _("“%(text)s” is not a tertial; write it like 2012-T2.") % {"text": text}
            )
        return cls(int(match[1]), int(match[2]))

    @property
    def first_month(self):
        return Month(self.year, (self.number - 1) * MONTHS_PER_TERTIAL + 1)

    @property
    def last_month(self):
        return Month(self.year, self.number * MONTHS_PER_TERTIAL)

    @property
    def start(self):
        return self.first_month.start

    @property
    def end(self):
        return self.last_month.end

    @property
    def year_period(self):
        return Year(self.year)

    @property
    def label(self):
        return f"T{self.number} {self.year}"

    def months(self):
        return Month.range(self.first_month, self.last_month)

    def year_to_date(self):
        # A tertial report is cumulative from 1 January: the T2 report covers January to August.
        return MonthRange(Month(self.year, 1), self.last_month)

    def previous(self):
        if self.number == 1:
            return Tertial(self.year - 1, TERTIALS_PER_YEAR)
        return Tertial(self.year, self.number - 1)

    def next(self):
        if self.number == TERTIALS_PER_YEAR:
            return Tertial(self.year + 1, 1)
        return Tertial(self.year, self.number + 1)

    def __str__(self):
        return f"{self.year:04d}-T{self.number}"


@dataclass(frozen=True, order=True)
class Year(_Span):
    year: int

    def __post_init__(self):
        _check_year(self.year)

    @classmethod
    def from_date(cls, value):
        _check_date(value)
        return cls(value.year)

    @classmethod
    def parse(cls, text):
        text = _text(text)
        match = _YEAR_CODE.fullmatch(text)
        if not match:
            raise ValueError(_("“%(text)s” is not a year; write it like 2012.") % {"text": text})
        return cls(int(match[1]))

    @property
    def start(self):
        return date(self.year, 1, 1)

    @property
    def end(self):
        return Month(self.year, 12).end

    @property
    def label(self):
        return str(self.year)

    def months(self):
        return Month.range(Month(self.year, 1), Month(self.year, 12))

    def tertials(self):
        return [Tertial(self.year, n) for n in range(1, TERTIALS_PER_YEAR + 1)]

    def previous(self):
        return Year(self.year - 1)

    def next(self):
        return Year(self.year + 1)

    def __str__(self):
        return f"{self.year:04d}"


@dataclass(frozen=True, order=True)
class MonthRange(_Span):
    """A run of whole months, first to last inclusive; not a period with a code of its own."""

    first: Month
    last: Month

    def __post_init__(self):
        if not isinstance(self.first, Month) or not isinstance(self.last, Month):
            raise TypeError("first and last must be Month objects")
        if self.last < self.first:
            raise ValueError(
                _("The range ends (%(last)s) before it starts (%(first)s).")
                % {"first": self.first, "last": self.last}
            )

    @property
    def start(self):
        return self.first.start

    @property
    def end(self):
        return self.last.end

    @property
    def label(self):
        first, last = _month_name(self.first.month), _month_name(self.last.month)
        if self.first == self.last:
            return self.first.label
        if self.first.year == self.last.year:
            return f"{first}{EN_DASH}{last} {self.last.year}"
        return f"{first} {self.first.year}{EN_DASH}{last} {self.last.year}"

    def months(self):
        return Month.range(self.first, self.last)

    def __str__(self):
        return f"{self.first}{EN_DASH}{self.last}"


def parse(text):
    text = _text(text)
    if _MONTH_CODE.fullmatch(text):
        return Month.parse(text)
    if _TERTIAL_CODE.fullmatch(text):
        return Tertial.parse(text)
    if _YEAR_CODE.fullmatch(text):
        return Year.parse(text)
    raise ValueError(
        _(
            "“%(text)s” is not a period; write a month like 2012-03, a tertial like 2012-T2 "
            "or a year like 2012."
        )
        % {"text": text}
    )


DAYS_PER_WEEK = 7


@dataclass(frozen=True)
class Week:
    """An ISO week, Monday to Sunday, as the weekly time grid shows it; [start, end)."""

    start: date

    @classmethod
    def of(cls, day: date) -> "Week":
        return cls(day - timedelta(days=day.weekday()))

    @classmethod
    def parse(cls, text: str) -> "Week":
        # "2012-W10", as <input type="week"> writes it.
        year, _sep, number = text.strip().upper().partition("-W")
        try:
            return cls(date.fromisocalendar(int(year), int(number), 1))
        except ValueError:
            raise ValueError(f"not an ISO week: {text!r}") from None

    @property
    def end(self) -> date:
        return self.start + timedelta(days=DAYS_PER_WEEK)

    @property
    def days(self) -> list[date]:
        return [self.start + timedelta(days=n) for n in range(DAYS_PER_WEEK)]

    @property
    def number(self) -> int:
        return self.start.isocalendar().week

    def previous(self) -> "Week":
        return Week(self.start - timedelta(days=DAYS_PER_WEEK))

    def next(self) -> "Week":
        return Week(self.end)

    def __str__(self):
        year, week, _day = self.start.isocalendar()
        return f"{year}-W{week:02d}"
