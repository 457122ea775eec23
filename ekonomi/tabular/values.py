"""Values as Swedish offices write them, in CSV text or Excel cells: one parser per kind.

Each parser takes a CSV string or an Excel cell value (str, int, float, date, datetime) and
returns the value, or raises ValueError with the sentence the user reads. Blank cells are the
caller's business (`is_blank`). The parsers are the slow path: an import that reads a million
rows caches their answers per raw cell text, as the volume import does.

Numbers. A space, no-break space or narrow no-break space groups thousands; a comma is the
decimal sign, a point is accepted as one too. With both a comma and a point in one number the
last is the decimal sign ("1.234,50", "1,234.50"). A single comma or point is a decimal sign,
so "1.234" is one krona and a fraction of an öre, refused like the Excel number 1.234 and never
guessed to be a thousand (as in "1.234.567" or "1.234,50"). Money is Decimal throughout: an
Excel float is read through its shortest repr, and a value within 1e-6 of an öre value is that
öre value (Excel's 0.30000000000000004 is 0,30), the same rule for text and for cells; a value
with more real decimals is refused.

Dates: ISO (2012-03-31, 20120331, with a time after it), 31.03.2012, and 31/03/2012 only when
the day cannot be a month (03/04/2012 is refused as ambiguous). Months: 2012-03, 201203,
2012M03, "mars 2012", a date (its month), or an Excel date cell.
"""

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ekonomi.periods import Month

AMOUNT_LIMIT = Decimal(10) ** 12
WHOLE_MAX = 2**31 - 1
NUMBER_LIMIT = Decimal(10) ** 15
# How far a float or a long decimal text may lie from a value with the allowed decimals and
# still be that value: far above a double's error for amounts below 10^9, far below an öre.
TOLERANCE = Decimal("0.000001")

_SPACES = " \u00a0\u202f\u2009"
_CURRENCY = re.compile(r"(?i)^(?:sek|kr)\s*|\s*(?:kr\.?|sek|:-)$")
# A sign: hyphen-minus, the minus sign or an en dash (which word processors put for a minus).
_NUMBER = re.compile(r"([-+\u2212\u2013]?)\s*(\d[\d.," + _SPACES + r"]*)", re.ASCII)
_GROUPED = re.compile(r"\d{1,3}(?:[ .,]\d{3})*", re.ASCII)
_PERCENT = re.compile(r"\s*%$")
# Minutes and seconds, or hours, minutes and seconds: "1:25", "00:01:25".
_DURATION = re.compile(r"(\d{1,4}):([0-5]\d)(?::([0-5]\d))?")
# Hours and minutes, maybe seconds: "7:30", "-0:45", "37:30:00".
_CLOCK = re.compile(r"([-\u2212]?)(\d{1,4}):([0-5]\d)(?::([0-5]\d))?")

# The same separator twice ("2012-03-31" or "20120331"), maybe a time of day after it.
_ISO_DATE = re.compile(
    r"(\d{4})(-?)(\d{2})\2(\d{2})"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_DOTTED_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_SLASHED_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
# "201203" (Agresso's period), "2012-03", "2012-3", "2012/03", "2012M03".
_MONTH_CODE = re.compile(r"(\d{4})(?:(?:[-/.]|\s*M)(\d{1,2})|(\d{2}))", re.ASCII | re.IGNORECASE)
# "mars 2012", "mar. 2012", and "mar-12", Excel's mmm-yy shown as text.
_NAMED_MONTH = re.compile(r"([^\W\d_]+)\.?(?:\s+(\d{4})|-(\d{2}|\d{4}))")

# Swedish and English names and their three-letter abbreviations.
MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "january", "jan"),
            ("februari", "february", "feb"),
            ("mars", "march", "mar"),
            ("april", "apr"),
            ("maj", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("augusti", "august", "aug"),
            ("september", "sept", "sep"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}


def month_number(value):
    """The month of a year given alone, by name ("januari", "Jan.") or number (1 to 12), or
    None: for files of one year, such as a budget."""
    if isinstance(value, str):
        named = MONTH_NAMES.get(value.strip().rstrip(".").casefold())
        if named is not None:
            return named
    try:
        number = parse_whole(value)
    except ValueError:
        return None
    return number if 1 <= number <= 12 else None


def text(value):
    """The cell as the user reads it: stripped; a whole float without its ".0"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def is_blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def parse_code(value, *, max_length=None):
    code = unicodedata.normalize("NFC", text(value)).upper()
    if max_length is not None and len(code) > max_length:
        raise ValueError(_("A code can have at most %(max)s characters.") % {"max": max_length})
    return code


def parse_text(value, *, max_length):
    written = unicodedata.normalize("NFC", text(value))
    if len(written) > max_length:
        raise ValueError(_("The text can have at most %(max)s characters.") % {"max": max_length})
    return written


class _NotANumber(ValueError):
    pass


def _decimal(value):
    """The number in a cell as an exact Decimal, or _NotANumber."""
    if isinstance(value, (bool, date)):
        raise _NotANumber
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # The shortest repr is what Excel showed the user; Decimal(value) would be the binary
        # approximation with its 50 digits.
        number = Decimal(repr(value))
        if not number.is_finite():
            raise _NotANumber
        return number
    written = _CURRENCY.sub("", text(value))
    match = _NUMBER.fullmatch(written)
    if not match:
        raise _NotANumber
    sign, body = match.groups()
    body = body.rstrip(_SPACES)
    integer, fraction = _split_decimals(body)
    grouping = integer.translate(str.maketrans(dict.fromkeys(_SPACES, " ")))
    if not (grouping.isdigit() or _GROUPED.fullmatch(grouping)):
        raise _NotANumber
    digits = re.sub(r"\D", "", grouping)
    number = Decimal(f"{digits}.{fraction}" if fraction else digits)
    return -number if sign and sign != "+" else number


def _split_decimals(body):
    """(integer part with its grouping, decimals) of the digits, points and commas."""
    last_comma, last_point = body.rfind(","), body.rfind(".")
    if last_comma < 0 and last_point < 0:
        return body, ""
    at = max(last_comma, last_point)
    mark = body[at]
    if (last_comma < 0 or last_point < 0) and body.count(mark) > 1:
        return body, ""  # "1.234.567": grouping only
    integer, fraction = body[:at], body[at + 1 :]
    if not fraction.isdigit() or mark in integer:
        raise _NotANumber
    return integer, fraction


def _fit(number, places):
    """The number with `places` decimals if it lies within TOLERANCE of one, else None."""
    exponent = Decimal(1).scaleb(-places)
    rounded = number.quantize(exponent, rounding=ROUND_HALF_UP)
    if abs(number - rounded) > TOLERANCE:
        return None
    return abs(rounded) if rounded.is_zero() else rounded


def _number(value, message, too_large, limit):
    try:
        number = _decimal(value)
    except (_NotANumber, InvalidOperation):
        raise ValueError(message % {"value": text(value)}) from None
    # Checked before any rounding, which a 30-digit number would overflow.
    if abs(number) >= limit:
        raise ValueError(too_large % {"value": text(value)})
    return number


def _not_a_number():
    return _("“%(value)s” is not a number.")


def _too_large():
    return _("“%(value)s” is too large a number.")


def parse_amount(value, *, allow_negative=True, scale=1):
    """Kronor with at most two decimals, as a Decimal with exactly two. `scale` is what one
    written unit is in kronor: 1000 for a column in thousands (tkr)."""
    number = _number(
        value,
        _("“%(value)s” is not an amount."),
        _("“%(value)s” is too large an amount."),
        AMOUNT_LIMIT / scale,
    )
    amount = _fit(number * scale, 2)
    if amount is None:
        raise ValueError(
            _("“%(value)s” has more than two decimals; an amount is kronor and öre.")
            % {"value": text(value)}
        )
    if amount < 0 and not allow_negative:
        raise ValueError(_("The amount cannot be negative."))
    return amount


def parse_whole(value, *, allow_negative=False, maximum=WHOLE_MAX):
    """A count: "1 234", "1234,00" and Excel's 1234.0 are 1234; a fraction is refused."""
    number = _number(value, _not_a_number(), _too_large(), Decimal(maximum) + 1)
    whole = _fit(number, 0)
    if whole is None:
        raise ValueError(
            _("A count must be a whole number, not “%(value)s”.") % {"value": text(value)}
        )
    if whole < 0 and not allow_negative:
        raise ValueError(_("A count cannot be negative."))
    if abs(whole) > maximum:
        raise ValueError(_too_large() % {"value": text(value)})
    return int(whole)


def parse_decimal(value, *, places, allow_negative=False, maximum=None):
    """A measure such as hours (7,5) with at most `places` decimals."""
    number = _number(value, _not_a_number(), _too_large(), NUMBER_LIMIT)
    measure = _fit(number, places)
    if measure is None:
        raise ValueError(
            _("“%(value)s” has more than %(places)s decimals.")
            % {"value": text(value), "places": places}
        )
    if measure < 0 and not allow_negative:
        raise ValueError(_("The number cannot be negative."))
    if maximum is not None and measure > maximum:
        raise ValueError(
            _("“%(value)s” is more than %(max)s.") % {"value": text(value), "max": maximum}
        )
    return measure


def parse_hours(value, *, places):
    """Hours as a number ("7,5"), as hours and minutes ("7:30") or from an Excel time cell
    ([t]:mm), signed. Minutes that make more than `places` decimals (7:20 is 7,333… hours) are
    refused, not rounded: the hours are billed."""
    seconds = _seconds(value)
    if seconds is None:
        return parse_decimal(value, places=places, allow_negative=True)
    hours = Decimal(seconds) / 3600
    measure = _fit(hours, places)
    if measure is None:
        raise ValueError(
            _("“%(value)s” is %(hours)s… hours; write them with at most %(places)s decimals.")
            % {
                "value": _clock(seconds),
                "hours": number_format(hours, decimal_pos=places + 1),
                "places": places,
            }
        )
    return measure


def parse_seconds(value):
    """A duration in whole seconds, as a phone system writes a wait: 85, "1:25" (minutes and
    seconds), "0:01:25", or an Excel time cell."""
    if isinstance(value, str) and (match := _DURATION.fullmatch(value.strip())):
        first, second, third = (int(part or 0) for part in match.groups())
        return first * 3600 + second * 60 + third if match.group(3) else first * 60 + second
    seconds = _seconds(value) if isinstance(value, time | timedelta) else None
    return parse_whole(value) if seconds is None else seconds


def _seconds(value):
    """The whole seconds of a time written or stored as one, else None."""
    if isinstance(value, time):
        return value.hour * 3600 + value.minute * 60 + value.second
    if isinstance(value, timedelta):
        # Excel stores the fraction of a day; a minute comes back a microsecond off.
        return round(value.total_seconds())
    if isinstance(value, str) and (match := _CLOCK.fullmatch(value.strip())):
        sign, hours, minutes, seconds = match.groups()
        total = int(hours) * 3600 + int(minutes) * 60 + int(seconds or 0)
        return -total if sign else total
    return None


def _clock(seconds):
    minutes, rest = divmod(abs(seconds), 60)
    written = f"{minutes // 60}:{minutes % 60:02}" + (f":{rest:02}" if rest else "")
    return f"-{written}" if seconds < 0 else written


def parse_percent(value, *, places=1, maximum=Decimal(100)):
    """Percentage points: "4,5 %", "4,5%" and "4,5" are 4.5. An Excel cell formatted as a
    percentage holds the fraction; the workbook reader hands it over as text with its "%"."""
    written = _PERCENT.sub("", value) if isinstance(value, str) else value
    return parse_decimal(written, places=places, maximum=maximum)


def _not_a_date(value):
    return ValueError(
        _("“%(value)s” is not a date; write it as 2012-03-31 or 20120331.") % {"value": value}
    )


def _date(year, month, day, written):
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise _not_a_date(written) from None


def parse_date(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    written = text(value)
    if written.isascii():
        if match := _ISO_DATE.fullmatch(written):
            year, _dash, month, day = match.groups()
            return _date(year, month, day, written)
        elif match := _DOTTED_DATE.fullmatch(written):
            day, month, year = match.groups()
            return _date(year, month, day, written)
        elif match := _SLASHED_DATE.fullmatch(written):
            day, month, year = match.groups()
            if int(day) <= 12 and int(month) <= 12 and day.lstrip("0") != month.lstrip("0"):
                raise ValueError(
                    _("“%(value)s” can be read as two different dates; write it as 2012-03-31.")
                    % {"value": written}
                )
            return _date(year, month, day, written)
    raise _not_a_date(written)


def parse_month(value):
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return Month.from_date(value)
    written = text(value)
    month = None
    if match := _MONTH_CODE.fullmatch(written):
        year, number, digits = match.groups()
        month = (int(year), int(number or digits))
    elif match := _NAMED_MONTH.fullmatch(written):
        name, year, short = match.groups()
        if (number := MONTH_NAMES.get(name.casefold())) is not None:
            year = int(year or short)
            month = (year + 2000 if year < 100 else year, number)
    else:
        try:
            return Month.from_date(parse_date(written))
        except ValueError:
            pass
    if month is not None:
        try:
            return Month(*month)
        except ValueError:
            pass
    raise ValueError(
        _("“%(value)s” is not a month; write it as 2012-03 or mars 2012.") % {"value": written}
    )
