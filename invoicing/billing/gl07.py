"""Agresso's GL07 batch input: fixed-width lines of 2,060 characters, amounts in öre.

Positions are 1-based and inclusive, as in the Agresso documentation. Fields not listed stay
blank. The file is ISO-8859-1 with CRLF line ends, so that a character is a byte and the
positions hold for bytes as well.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ekonomi.money import ORE, round_ore
from ekonomi.periods import Month

LINE_LENGTH = 2060
ENCODING = "iso-8859-1"
NEWLINE = b"\r\n"
INTERFACE = "BI"
TRANS_TYPE = "GL"
CURRENCY = "SEK"
DIMENSIONS = 7

# name: (first, last), 1-based inclusive.
FIELDS = {
    "batch_id": (1, 25),
    "interface": (26, 50),
    "voucher_type": (51, 75),
    "trans_type": (76, 77),
    "client": (78, 102),
    "account": (103, 127),
    **{f"dim_{n}": (128 + (n - 1) * 25, 152 + (n - 1) * 25) for n in range(1, DIMENSIONS + 1)},
    "tax_code": (303, 327),
    "tax_system": (328, 352),
    "currency": (353, 377),
    "dc_flag": (378, 379),
    "cur_amount": (380, 399),
    "amount": (400, 419),
    "description": (491, 745),
    "trans_date": (746, 753),
    "voucher_date": (754, 761),
    "voucher_no": (762, 776),
    "period": (777, 782),
}
# Right-aligned; everything else is left-aligned text.
NUMERIC = {"dc_flag", "cur_amount", "amount"}
# Cut to fit rather than refused: a long customer name must not stop the file.
CUT_TO_FIT = {"description"}


class Gl07Error(ValueError):
    pass


@dataclass(frozen=True)
class Gl07Line:
    """One transaction; `amount` is kronor, positive for debit and negative for credit."""

    account: str
    amount: Decimal
    description: str
    dimensions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Voucher:
    batch_id: str
    voucher_type: str
    client: str
    voucher_no: str
    voucher_date: date
    period: Month
    lines: list[Gl07Line]


def _place(buffer, name, value):
    first, last = FIELDS[name]
    width = last - first + 1
    text = str(value)
    if len(text) > width:
        if name not in CUT_TO_FIT:
            raise Gl07Error(f"{name} {text!r} is longer than {width} characters")
        text = text[:width]
    buffer[first - 1 : last] = text.rjust(width) if name in NUMERIC else text.ljust(width)


def to_ore(amount: Decimal) -> int:
    return int(round_ore(amount) / ORE)


def format_line(voucher: Voucher, line: Gl07Line) -> str:
    if len(line.dimensions) > DIMENSIONS:
        raise Gl07Error(f"GL07 has {DIMENSIONS} dimensions, not {len(line.dimensions)}")
    ore = to_ore(line.amount)
    if ore == 0:
        raise Gl07Error("a GL07 line needs an amount")
    buffer = [" "] * LINE_LENGTH
    values = {
        "batch_id": voucher.batch_id,
        "interface": INTERFACE,
        "voucher_type": voucher.voucher_type,
        "trans_type": TRANS_TYPE,
        "client": voucher.client,
        "account": line.account,
        "currency": CURRENCY,
        "dc_flag": "1" if ore > 0 else "-1",
        "cur_amount": ore,
        "amount": ore,
        "description": line.description,
        "trans_date": voucher.voucher_date.strftime("%Y%m%d"),
        "voucher_date": voucher.voucher_date.strftime("%Y%m%d"),
        "voucher_no": voucher.voucher_no,
        "period": f"{voucher.period.year:04d}{voucher.period.month:02d}",
    }
    for index, dimension in enumerate(line.dimensions, start=1):
        values[f"dim_{index}"] = dimension
    for name, value in values.items():
        _place(buffer, name, value)
    return "".join(buffer)


def write(voucher: Voucher) -> bytes:
    """The file for one voucher; refuses one that does not balance to the öre."""
    if sum(to_ore(line.amount) for line in voucher.lines) != 0:
        raise Gl07Error(f"voucher {voucher.voucher_no} does not balance")
    text_lines = [format_line(voucher, line) for line in voucher.lines]
    return b"".join(line.encode(ENCODING, errors="replace") + NEWLINE for line in text_lines)


def parse(content: bytes) -> list[dict]:
    """Every line as {field: value}; amounts as int öre. Used by the nightly check."""
    records = []
    for number, raw in enumerate(content.split(NEWLINE), start=1):
        if not raw:
            continue
        line = raw.decode(ENCODING)
        if len(line) != LINE_LENGTH:
            raise Gl07Error(f"line {number} has {len(line)} characters, not {LINE_LENGTH}")
        record = {name: line[first - 1 : last].strip() for name, (first, last) in FIELDS.items()}
        for name in NUMERIC:
            record[name] = int(record[name])
        records.append(record)
    return records


def balance(records: list[dict]) -> int:
    return sum(record["amount"] for record in records)
