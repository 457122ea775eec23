from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ekonomi.periods import Month, Tertial, Year
from ekonomi.workdays import (
    add_working_days,
    is_working_day,
    working_days_between,
    working_days_in,
)

dates = st.dates(min_value=date(1960, 1, 1), max_value=date(2090, 12, 31))


def naive_count(start, end):
    return sum(is_working_day(start + timedelta(days=i)) for i in range((end - start).days))


# --- single days ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "why"),
    [
        (date(2012, 1, 6), "trettondedag jul, a Friday"),
        (date(2012, 4, 6), "långfredagen"),
        (date(2012, 4, 9), "annandag påsk"),
        (date(2012, 5, 1), "första maj"),
        (date(2012, 5, 17), "Kristi himmelsfärdsdag"),
        (date(2012, 6, 6), "nationaldagen"),
        (date(2012, 6, 22), "midsommarafton"),
        (date(2012, 12, 24), "julafton"),
        (date(2012, 12, 25), "juldagen"),
        (date(2012, 12, 26), "annandag jul"),
        (date(2012, 12, 31), "nyårsafton"),
        (date(2012, 6, 23), "a Saturday (midsommardagen)"),
        (date(2012, 6, 24), "a Sunday"),
        (date(2012, 3, 3), "a Saturday"),
        (date(2012, 3, 4), "a Sunday"),
    ],
)
def test_it_knows_days_off(day, why):
    assert not is_working_day(day), why


@pytest.mark.parametrize(
    "day",
    [
        date(2012, 6, 21),  # the day before midsommarafton
        date(2012, 5, 28),  # annandag pingst is no holiday since 2005
        date(2012, 12, 27),
        date(2012, 12, 28),
        date(2012, 4, 5),  # skärtorsdagen
        date(2012, 3, 5),
    ],
)
def test_it_knows_working_days(day):
    assert is_working_day(day)


# --- counting ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("month", "expected"),
    [
        # Weekdays in the month minus the holidays that fall on weekdays.
        (1, 21),  # 22 weekdays, trettondedag jul
        (2, 21),
        (3, 22),
        (4, 19),  # 21 weekdays, långfredagen and annandag påsk
        (5, 21),  # 23 weekdays, första maj and Kristi himmelsfärd
        (6, 19),  # 21 weekdays, nationaldagen and midsommarafton
        (7, 22),
        (8, 23),
        (9, 20),
        (10, 23),
        (11, 22),  # alla helgons dag is a Saturday
        (12, 17),  # 21 weekdays, julafton, juldagen, annandag jul and nyårsafton
    ],
)
def test_it_counts_working_days_in_the_months_of_2012(month, expected):
    assert working_days_in(Month(2012, month)) == expected


def test_it_counts_working_days_in_the_tertials_and_the_year_2012():
    assert [working_days_in(t) for t in Year(2012).tertials()] == [83, 85, 82]
    # 261 weekdays in the leap year 2012 (starting on a Sunday), 11 of them holidays.
    assert working_days_in(Year(2012)) == 250
    assert working_days_in(Tertial(2012, 2).year_to_date()) == 83 + 85


def test_ranges_are_half_open():
    assert working_days_between(date(2012, 3, 5), date(2012, 3, 5)) == 0
    assert working_days_between(date(2012, 3, 5), date(2012, 3, 6)) == 1
    assert working_days_between(date(2012, 3, 5), date(2012, 3, 12)) == 5
    assert working_days_between(date(2012, 3, 3), date(2012, 3, 5)) == 0


def test_it_counts_across_new_year():
    # 27, 28 December 2012 and 2, 3, 4 January 2013.
    assert working_days_between(date(2012, 12, 24), date(2013, 1, 7)) == 5


def test_it_refuses_reversed_ranges():
    with pytest.raises(ValueError):
        working_days_between(date(2012, 3, 6), date(2012, 3, 5))


@given(dates, st.integers(min_value=0, max_value=800))
def test_counting_agrees_with_checking_each_day(start, length):
    end = start + timedelta(days=length)
    assert working_days_between(start, end) == naive_count(start, end)


@given(dates, dates, dates)
def test_counts_add_up_over_adjacent_ranges(a, b, c):
    a, b, c = sorted((a, b, c))
    assert working_days_between(a, c) == working_days_between(a, b) + working_days_between(b, c)


# --- adding --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2012, 12, 21), 1, date(2012, 12, 27)),  # over julafton and the Christmas days
        (date(2012, 12, 21), 3, date(2013, 1, 2)),  # ... and nyårsafton, nyårsdagen
        (date(2012, 12, 21), 0, date(2012, 12, 21)),
        (date(2012, 12, 24), 0, date(2012, 12, 27)),  # a day off moves to the next working day
        (date(2012, 4, 5), 1, date(2012, 4, 10)),  # over Easter
        (date(2012, 6, 21), 1, date(2012, 6, 25)),  # over midsommar
        (date(2012, 3, 2), 1, date(2012, 3, 5)),  # over a weekend
        (date(2012, 3, 3), 1, date(2012, 3, 5)),  # from a Saturday
        (date(2012, 3, 5), 5, date(2012, 3, 12)),
    ],
)
def test_it_adds_working_days(start, n, expected):
    assert add_working_days(start, n) == expected


@given(dates, st.integers(min_value=0, max_value=300))
def test_adding_lands_on_a_working_day_n_working_days_later(start, n):
    result = add_working_days(start, n)
    assert is_working_day(result)
    assert result >= start
    # n working days strictly after the start, the result being the last of them.
    after = start + timedelta(days=1)
    if n:
        assert working_days_between(after, result + timedelta(days=1)) == n
    else:
        assert working_days_between(start, result) == 0


def test_it_refuses_negative_days():
    with pytest.raises(ValueError):
        add_working_days(date(2012, 3, 5), -1)


def test_it_refuses_datetimes():
    with pytest.raises(TypeError):
        is_working_day(datetime(2012, 12, 24, 9))


def test_it_refuses_years_the_holiday_calendar_does_not_know():
    # The library would answer with an empty calendar and count julafton as a working day.
    with pytest.raises(ValueError):
        is_working_day(date(2999, 12, 24))
