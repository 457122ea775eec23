from datetime import date, datetime, timedelta
from itertools import pairwise

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from ekonomi.periods import Month, MonthRange, Tertial, Year, parse

# One year of margin on each side so previous() and next() stay in range.
years = st.integers(min_value=1901, max_value=2998)
months = st.builds(Month, years, st.integers(min_value=1, max_value=12))
tertials = st.builds(Tertial, years, st.integers(min_value=1, max_value=3))
year_periods = st.builds(Year, years)
periods = st.one_of(months, tertials, year_periods)
dates = st.dates(min_value=date(1901, 1, 1), max_value=date(2998, 12, 31))


def assert_tiles(parts, whole):
    assert parts[0].start == whole.start
    assert parts[-1].end == whole.end
    for before, after in pairwise(parts):
        assert before.end == after.start


# --- properties of the algebra -------------------------------------------------------------


@given(year_periods)
def test_months_of_a_year_are_twelve_consecutive_months_tiling_it(year):
    parts = year.months()
    assert len(parts) == 12
    assert [m.month for m in parts] == list(range(1, 13))
    for before, after in pairwise(parts):
        assert before.next() == after
    assert_tiles(parts, year)


@given(year_periods)
def test_tertials_tile_the_year(year):
    parts = year.tertials()
    assert [t.number for t in parts] == [1, 2, 3]
    assert_tiles(parts, year)
    assert [m for t in parts for m in t.months()] == year.months()


@given(tertials)
def test_months_of_a_tertial_are_four_and_know_their_tertial(tertial):
    parts = tertial.months()
    assert len(parts) == 4
    assert_tiles(parts, tertial)
    assert all(m.tertial == tertial for m in parts)


@given(periods)
def test_previous_and_next_are_inverse(period):
    assert period.previous().next() == period
    assert period.next().previous() == period


@given(periods)
def test_neighbours_share_a_boundary(period):
    assert period.previous().end == period.start
    assert period.next().start == period.end


@given(periods)
def test_parse_reads_back_the_canonical_code(period):
    assert parse(str(period)) == period
    assert type(period).parse(str(period)) == period


@given(periods, st.data())
def test_every_day_of_the_range_is_in_the_period_and_the_end_is_not(period, data):
    days = (period.end - period.start).days
    offset = data.draw(st.integers(min_value=0, max_value=days - 1))
    assert period.start + timedelta(days=offset) in period
    assert period.start in period
    assert period.end - timedelta(days=1) in period
    assert period.end not in period
    assert period.start - timedelta(days=1) not in period


@given(periods)
def test_months_tile_any_period(period):
    assert_tiles(period.months(), period)


@given(tertials)
def test_year_to_date_runs_from_first_january_to_the_end_of_the_tertial(tertial):
    ytd = tertial.year_to_date()
    assert ytd.start == date(tertial.year, 1, 1)
    assert ytd.end == tertial.end
    assert len(ytd.months()) == 4 * tertial.number
    assert ytd.months()[-4:] == tertial.months()
    assert_tiles(ytd.months(), ytd)


@given(dates)
def test_from_date_gives_the_periods_containing_the_date(day):
    assert day in Month.from_date(day)
    assert day in Tertial.from_date(day)
    assert day in Year.from_date(day)
    assert Month.from_date(day).tertial == Tertial.from_date(day)
    assert Month.from_date(day).year_period == Year.from_date(day)


@given(months, months)
def test_month_ordering_follows_start_dates(a, b):
    assert (a < b) == (a.start < b.start)
    assert (a == b) == (a.start == b.start)


@given(tertials, tertials)
def test_tertial_ordering_follows_start_dates(a, b):
    assert (a < b) == (a.start < b.start)


@given(year_periods, year_periods)
def test_year_ordering_follows_start_dates(a, b):
    assert (a < b) == (a.start < b.start)


# A range may span a thousand years (12,000 months): over Hypothesis's 200 ms deadline on a
# busy machine, though the test is about the months, not the time.
@settings(deadline=None)
@given(months, months)
def test_month_range_is_inclusive_and_consecutive(a, b):
    first, last = min(a, b), max(a, b)
    span = Month.range(first, last)
    assert span[0] == first
    assert span[-1] == last
    assert_tiles(span, MonthRange(first, last))


@given(periods)
def test_periods_are_hashable_values(period):
    copy = parse(str(period))
    assert copy is not period
    assert hash(copy) == hash(period)
    assert len({period, copy}) == 1


# --- examples ------------------------------------------------------------------------------


def test_it_gives_half_open_ranges():
    assert (Month(2012, 2).start, Month(2012, 2).end) == (date(2012, 2, 1), date(2012, 3, 1))
    assert (Month(2012, 12).start, Month(2012, 12).end) == (date(2012, 12, 1), date(2013, 1, 1))
    assert (Tertial(2012, 1).start, Tertial(2012, 1).end) == (date(2012, 1, 1), date(2012, 5, 1))
    assert (Tertial(2012, 2).start, Tertial(2012, 2).end) == (date(2012, 5, 1), date(2012, 9, 1))
    assert (Tertial(2012, 3).start, Tertial(2012, 3).end) == (date(2012, 9, 1), date(2013, 1, 1))
    assert (Year(2012).start, Year(2012).end) == (date(2012, 1, 1), date(2013, 1, 1))


def test_it_knows_leap_days():
    assert date(2012, 2, 29) in Month(2012, 2)
    assert (Month(2012, 2).end - Month(2012, 2).start).days == 29
    assert (Month(2011, 2).end - Month(2011, 2).start).days == 28


def test_it_crosses_year_boundaries():
    assert Month(2012, 1).previous() == Month(2011, 12)
    assert Month(2012, 12).next() == Month(2013, 1)
    assert Tertial(2012, 1).previous() == Tertial(2011, 3)
    assert Tertial(2012, 3).next() == Tertial(2013, 1)
    assert Year(2012).next() == Year(2013)


def test_it_maps_months_to_tertials():
    assert [Month(2012, m).tertial.number for m in range(1, 13)] == [1] * 4 + [2] * 4 + [3] * 4


def test_it_builds_the_t2_report_range():
    ytd = Tertial(2012, 2).year_to_date()
    assert ytd.months() == Month.range(Month(2012, 1), Month(2012, 8))
    assert date(2012, 8, 31) in ytd
    assert date(2012, 9, 1) not in ytd
    assert str(ytd) == "2012-01\u20132012-08"


def test_it_gives_canonical_codes():
    assert str(Month(2012, 3)) == "2012-03"
    assert str(Tertial(2012, 2)) == "2012-T2"
    assert str(Year(2012)) == "2012"


def test_it_labels_periods_in_swedish():
    with translation.override("sv"):
        assert Month(2012, 3).label == "mars 2012"
        assert Month(2012, 5).label == "maj 2012"
        assert Tertial(2012, 2).label == "T2 2012"
        assert Year(2012).label == "2012"
        assert Tertial(2012, 2).year_to_date().label == "januari\u2013augusti 2012"


def test_it_labels_periods_in_the_active_language():
    with translation.override("en"):
        assert Month(2012, 3).label == "march 2012"


def test_month_range_is_empty_when_reversed():
    assert Month.range(Month(2012, 5), Month(2012, 4)) == []


def test_periods_of_different_kinds_do_not_compare():
    assert Month(2012, 1) != Year(2012)
    with pytest.raises(TypeError):
        assert Month(2012, 1) < Year(2012)


def test_it_is_immutable():
    with pytest.raises(AttributeError):
        Month(2012, 3).month = 4


# --- parsing -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2012-03", Month(2012, 3)),
        ("2012-12", Month(2012, 12)),
        ("2012-T2", Tertial(2012, 2)),
        ("2012-t3", Tertial(2012, 3)),
        ("2012", Year(2012)),
        (" 2012-T1 ", Tertial(2012, 1)),
        ("1900", Year(1900)),
        ("2999-12", Month(2999, 12)),
    ],
)
def test_it_parses_codes(text, expected):
    assert parse(text) == expected
    assert type(parse(text)) is type(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2012-13", "There is no month 13"),
        ("2012-00", "There is no month 0"),
        ("2012-T4", "There is no tertial 4"),
        ("2012-T0", "There is no tertial 0"),
        ("1899", "out of range"),
        ("3000-01", "out of range"),
        ("garbage", "is not a period"),
        ("", "is not a period"),
        ("2012-3", "is not a period"),
        ("12-03", "is not a period"),
        ("2012-T12", "is not a period"),
        ("2012-Q2", "is not a period"),
        ("2012-03-01", "is not a period"),
        ("٢٠١٢", "is not a period"),
    ],
)
def test_it_refuses_bad_codes_with_a_message(text, message):
    with translation.override("en"), pytest.raises(ValueError, match=message):
        parse(text)


def test_typed_parsers_accept_only_their_own_form():
    with translation.override("en"):
        with pytest.raises(ValueError, match="is not a month"):
            Month.parse("2012-T2")
        with pytest.raises(ValueError, match="is not a tertial"):
            Tertial.parse("2012-03")
        with pytest.raises(ValueError, match="is not a year"):
            Year.parse("2012-03")


def test_parse_refuses_non_strings():
    with pytest.raises(TypeError):
        parse(2012)


@pytest.mark.parametrize(
    "build",
    [
        lambda: Month(2012, 13),
        lambda: Month(1899, 12),
        lambda: Tertial(2012, 4),
        lambda: Year(3000),
        lambda: Year(2999).next(),
        lambda: Month(1900, 1).previous(),
        lambda: MonthRange(Month(2012, 5), Month(2012, 4)),
    ],
)
def test_it_refuses_invalid_periods(build):
    with pytest.raises(ValueError):
        build()


def test_it_refuses_non_int_fields():
    with pytest.raises(TypeError):
        Month("2012", 3)
    with pytest.raises(TypeError):
        Year(True)


def test_it_refuses_datetimes_because_their_day_depends_on_the_time_zone():
    with pytest.raises(TypeError):
        assert datetime(2012, 3, 1, 12) in Month(2012, 3)
    with pytest.raises(TypeError):
        Month.from_date(datetime(2012, 3, 1, 12))
