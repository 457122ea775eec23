"""Numbers and dates as Swedish offices write them, in CSV text and in Excel cells alike."""

import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ekonomi.periods import Month
from ekonomi.tabular.values import (
    month_number,
    parse_amount,
    parse_code,
    parse_date,
    parse_decimal,
    parse_hours,
    parse_month,
    parse_percent,
    parse_seconds,
    parse_text,
    parse_whole,
)


@pytest.mark.parametrize(
    ("written", "amount"),
    [
        ("1 234,50", Decimal("1234.50")),
        ("1234.50", Decimal("1234.50")),
        ("1234,5", Decimal("1234.50")),
        ("1 234,50 kr", Decimal("1234.50")),
        ("-1 234,50 SEK", Decimal("-1234.50")),
        ("\u22121 234,50", Decimal("-1234.50")),
        ("1\u00a0234\u00a0567,89", Decimal("1234567.89")),
        ("1\u202f234,50", Decimal("1234.50")),
        ("1.234,50", Decimal("1234.50")),
        ("1,234.50", Decimal("1234.50")),
        ("1.234.567", Decimal("1234567.00")),
        ("100:-", Decimal("100.00")),
        ("12,3400", Decimal("12.34")),
        ("0.30000000000000004", Decimal("0.30")),
        ("63398.110000000001", Decimal("63398.11")),
        (0.30000000000000004, Decimal("0.30")),
        (63398.110000000001, Decimal("63398.11")),
        (0.1 + 0.2, Decimal("0.30")),
        (1234, Decimal("1234.00")),
        (1234.5, Decimal("1234.50")),
    ],
)
def test_an_amount_is_read_to_the_ore(written, amount):
    assert parse_amount(written) == amount
    assert parse_amount(written).as_tuple().exponent == -2


def test_an_amount_with_a_fraction_of_an_ore_is_refused_alike_from_csv_and_excel():
    with pytest.raises(ValueError) as from_csv:
        parse_amount("12.345")
    with pytest.raises(ValueError) as from_excel:
        parse_amount(12.345)

    assert str(from_csv.value) == str(from_excel.value)
    assert str(from_excel.value) == (
        "”12.345” har fler än två decimaler; ett belopp är kronor och öre."
    )


@pytest.mark.parametrize("written", ["1.234", "1,234", "12.345"])
def test_a_lone_separator_before_three_digits_is_never_guessed_to_be_thousands(written):
    with pytest.raises(ValueError) as refused:
        parse_amount(written)

    assert str(refused.value) == (
        f"”{written}” har fler än två decimaler; ett belopp är kronor och öre."
    )


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("abc", "”abc” är inget belopp."),
        ("1 23", "”1 23” är inget belopp."),
        ("1,2,3", "”1,2,3” är inget belopp."),
        ("12 kr 50", "”12 kr 50” är inget belopp."),
        (True, "”True” är inget belopp."),
        (date(2012, 3, 1), "”2012-03-01” är inget belopp."),
        ("1 000 000 000 000", "”1 000 000 000 000” är ett för stort belopp."),
        (1e30, "”1000000000000000019884624838656” är ett för stort belopp."),
        (float("nan"), "”nan” är inget belopp."),
    ],
)
def test_what_is_not_an_amount_is_refused_with_the_value_quoted(written, message):
    with pytest.raises(ValueError) as refused:
        parse_amount(written)

    assert str(refused.value) == message


def test_a_negative_amount_is_refused_where_the_field_says_so():
    with pytest.raises(ValueError, match=re.escape("Beloppet kan inte vara negativt.")):
        parse_amount("-5", allow_negative=False)


@st.composite
def swedish_amounts(draw):
    ore = draw(st.integers(min_value=-(10**14) + 1, max_value=10**14 - 1))
    amount = Decimal(ore).scaleb(-2)
    kronor, decimals = f"{abs(amount):.2f}".split(".")
    separator = draw(st.sampled_from([" ", "\u00a0", "\u202f"]))
    grouped = f"{int(kronor):,}".replace(",", separator)
    sign = draw(st.sampled_from(["-", "\u2212"])) if amount < 0 else ""
    suffix = draw(st.sampled_from(["", " kr", "\u00a0kr", " SEK"]))
    return amount, f"{sign}{grouped},{decimals}{suffix}"


# No deadline: a parse takes microseconds, and a loaded machine must not fail the property.
@settings(deadline=None)
@given(swedish_amounts())
def test_any_amount_written_the_swedish_way_reads_back_exactly(case):
    amount, written = case

    assert parse_amount(written) == amount


@settings(deadline=None)
@given(st.decimals(min_value=-(10**11), max_value=10**11, places=2))
def test_any_amount_in_an_excel_cell_reads_back_exactly(amount):
    assert parse_amount(float(amount)) == amount


@pytest.mark.parametrize(
    ("written", "count"),
    [("1 234", 1234), ("1234,00", 1234), (1234.0, 1234), (1234, 1234), ("1\u00a0234", 1234)],
)
def test_a_count_is_a_whole_number(written, count):
    assert parse_whole(written) == count


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("12,5", "Ett antal måste vara ett heltal, inte ”12,5”."),
        (12.5, "Ett antal måste vara ett heltal, inte ”12.5”."),
        ("-3", "Ett antal kan inte vara negativt."),
        ("tre", "”tre” är inget tal."),
        ("3000000000", "”3000000000” är ett för stort tal."),
    ],
)
def test_a_count_that_is_not_whole_or_is_negative_is_refused(written, message):
    with pytest.raises(ValueError) as refused:
        parse_whole(written)

    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("written", "kronor"),
    [
        ("1,5", Decimal("1500.00")),
        (4508.000000000001, Decimal("4508000.00")),
        ("0,00001", Decimal("0.01")),
        ("-2", Decimal("-2000.00")),
    ],
)
def test_an_amount_in_thousands_is_read_as_kronor(written, kronor):
    assert parse_amount(written, scale=1000) == kronor


def test_an_amount_in_millions_too_large_in_kronor_is_refused():
    with pytest.raises(ValueError, match="för stort belopp"):
        parse_amount("1 000 000", scale=1_000_000)


def test_a_negative_count_is_accepted_where_the_field_allows_it():
    assert parse_whole("-3", allow_negative=True) == -3


@pytest.mark.parametrize(
    ("written", "hours"),
    [("7,5", Decimal("7.50")), ("7.25", Decimal("7.25")), (7.5, Decimal("7.50")), ("8", 8)],
)
def test_hours_have_at_most_two_decimals(written, hours):
    assert parse_decimal(written, places=2) == hours


def test_hours_with_three_decimals_are_refused():
    with pytest.raises(ValueError, match=re.escape("”7,125” har fler än 2 decimaler.")):
        parse_decimal("7,125", places=2)


@pytest.mark.parametrize(
    ("written", "hours"),
    [
        ("7:30", Decimal("7.50")),
        ("0:15", Decimal("0.25")),
        ("-0:45", Decimal("-0.75")),
        ("37:30:00", Decimal("37.50")),
        (time(7, 30), Decimal("7.50")),
        # Excel's [t]:mm cell: 7:15 stored as a fraction of a day, a microsecond off.
        (timedelta(seconds=26099, microseconds=999999), Decimal("7.25")),
        ("7,5", Decimal("7.50")),
        (7.5, Decimal("7.50")),
    ],
)
def test_hours_are_read_as_a_number_or_as_hours_and_minutes(written, hours):
    assert parse_hours(written, places=2) == hours


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("7:20", "”7:20” är 7,333… timmar; skriv dem med högst 2 decimaler."),
        (time(0, 1), "”0:01” är 0,016… timmar; skriv dem med högst 2 decimaler."),
        ("7:60", "”7:60” är inget tal."),
    ],
)
def test_minutes_that_are_no_hundredth_of_an_hour_are_refused_not_rounded(written, message):
    with pytest.raises(ValueError) as refused:
        parse_hours(written, places=2)

    assert str(refused.value) == message


@pytest.mark.parametrize(
    "written", ["85", 85, 85.0, "1:25", "01:25", "0:01:25", time(0, 1, 25), timedelta(seconds=85)]
)
def test_a_wait_is_read_in_seconds_from_a_count_or_a_clock(written):
    assert parse_seconds(written) == 85


def test_a_wait_of_hours_minutes_and_seconds_is_read_whole():
    assert parse_seconds("1:02:03") == 3723


@pytest.mark.parametrize("written", ["4,5 %", "4,5%", "4,5\u00a0%", "4.5", 4.5])
def test_a_percentage_is_read_in_points(written):
    assert parse_percent(written) == Decimal("4.5")


def test_a_percentage_above_a_hundred_is_refused():
    with pytest.raises(ValueError, match=re.escape("”120” är mer än 100.")):
        parse_percent("120 %")


@pytest.mark.parametrize(
    "written",
    [
        "2012-03-31",
        "20120331",
        "2012-03-31 00:00:00",
        "2012-03-31T14:05:00",
        "2012-03-31T14:05:00+02:00",
        "31.03.2012",
        "31/03/2012",
        20120331,
        datetime(2012, 3, 31, 0, 0),
        date(2012, 3, 31),
    ],
)
def test_a_date_is_read_from_every_usual_notation(written):
    assert parse_date(written) == date(2012, 3, 31)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("03/04/2012", "”03/04/2012” kan läsas som två olika datum; skriv det som 2012-03-31."),
        ("2012-02-30", "”2012-02-30” är inget datum; skriv det som 2012-03-31 eller 20120331."),
        ("2012-0331", "”2012-0331” är inget datum; skriv det som 2012-03-31 eller 20120331."),
        ("igår", "”igår” är inget datum; skriv det som 2012-03-31 eller 20120331."),
        ("40999", "”40999” är inget datum; skriv det som 2012-03-31 eller 20120331."),
    ],
)
def test_an_ambiguous_or_wrong_date_is_refused(written, message):
    with pytest.raises(ValueError) as refused:
        parse_date(written)

    assert str(refused.value) == message


@pytest.mark.parametrize(
    "written",
    [
        "2012-03",
        "201203",
        "2012-03-01",
        "2012-03-15",
        "mars 2012",
        "Mars 2012",
        "mar 2012",
        "March 2012",
        "2012M03",
        "2012 M03",
        "2012-3",
        "2012/03",
        "mar-12",
        "mars-2012",
        "Mar.-12",
        201203,
        datetime(2012, 3, 1),
        date(2012, 3, 1),
    ],
)
def test_a_month_is_read_from_every_usual_notation(written):
    assert parse_month(written) == Month(2012, 3)


@pytest.mark.parametrize(
    ("written", "number"),
    [("januari", 1), ("Feb.", 2), ("MARS", 3), ("dec", 12), (12, 12), ("7", 7), (7.0, 7)],
)
def test_a_month_given_alone_is_its_number(written, number):
    assert month_number(written) == number


@pytest.mark.parametrize("written", ["13", 0, "smurf", "2012-03", 3.5])
def test_what_is_no_month_alone_has_no_number(written):
    assert month_number(written) is None


@pytest.mark.parametrize(
    "written", ["2012-13", "2012-0", "smurf 2012", "smurf-12", "mar 12", "03-2012", "20123", ""]
)
def test_what_is_not_a_month_is_refused(written):
    with pytest.raises(ValueError) as refused:
        parse_month(written)

    assert str(refused.value) == (
        f"”{written}” är ingen månad; skriv den som 2012-03 eller mars 2012."
    )


def test_a_code_is_upper_case_without_spaces_around_it():
    assert parse_code("  kr-fs ") == "KR-FS"
    assert parse_code(1234.0) == "1234"


def test_a_code_or_text_longer_than_its_field_allows_is_refused():
    with pytest.raises(ValueError, match=re.escape("En kod kan ha högst 4 tecken.")):
        parse_code("ABCDE", max_length=4)
    with pytest.raises(ValueError, match=re.escape("Texten kan ha högst 3 tecken.")):
        parse_text("abcd", max_length=3)
