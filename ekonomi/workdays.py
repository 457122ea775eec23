"""Swedish working days: Monday to Friday, except public holidays and the de facto holidays
(midsommarafton, julafton, nyårsafton) that the Annual Leave Act treats as Sundays.

Everything that counts working days (lead times, staffing, FTE-months) goes through here.
"""

from datetime import date, datetime, timedelta
from functools import cache

import holidays
from holidays.constants import DE_FACTO, PUBLIC

_CATEGORIES = (PUBLIC, DE_FACTO)
_SATURDAY = 5


def _calendar(**kwargs):
    # Weekends are handled by weekday(), so the calendar must not list Sundays as holidays.
    return holidays.country_holidays("SE", categories=_CATEGORIES, include_sundays=False, **kwargs)


_SUPPORTED = _calendar()
FIRST_YEAR, LAST_YEAR = _SUPPORTED.start_year, _SUPPORTED.end_year


@cache
def _weekday_holidays(year):
    # Outside its supported years the library returns no holidays at all, which would
    # silently count julafton as a working day; refuse instead.
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(
            f"Swedish holidays are known for {FIRST_YEAR} to {LAST_YEAR}, not for {year}"
        )
    return frozenset(d for d in _calendar(years=year) if d.weekday() < _SATURDAY)


def _check_date(value):
    # A datetime never equals the date in the holiday set, so it would pass as a working day.
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TypeError(f"expected a datetime.date, not {type(value).__name__}")


def is_working_day(value):
    _check_date(value)
    return value.weekday() < _SATURDAY and value not in _weekday_holidays(value.year)


def _weekdays_between(start, end):
    weeks, rest = divmod((end - start).days, 7)
    first = start.weekday()
    return weeks * 5 + sum((first + i) % 7 < _SATURDAY for i in range(rest))


def working_days_between(start, end):
    _check_date(start)
    _check_date(end)
    if end < start:
        raise ValueError(f"the range ends ({end}) before it starts ({start})")
    if end == start:
        return 0
    last = end - timedelta(days=1)
    holidays_in_range = sum(
        start <= d < end
        for year in range(start.year, last.year + 1)
        for d in _weekday_holidays(year)
    )
    return _weekdays_between(start, end) - holidays_in_range


def add_working_days(value, n):
    # With n=0 a non-working day moves forward to the next working day; otherwise count n
    # working days strictly after `value`, so from a Saturday one working day is Monday.
    _check_date(value)
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"n must be an int, not {type(n).__name__}")
    if n < 0:
        raise ValueError(f"n must not be negative, got {n}")
    day = value
    remaining = n
    while remaining or not is_working_day(day):
        day += timedelta(days=1)
        if is_working_day(day):
            remaining = max(remaining - 1, 0)
    return day


def working_days_in(period):
    return working_days_between(period.start, period.end)
