"""A report as data: chapters of tables, charts and texts, which the PDF, the workbook and the
report page all render. Assembling (assembly/) and rendering (rendering.py) meet only here.

Cells are plain values: str, int, Decimal (shown with the decimals it carries, so a selector's
rounding is what the reader sees) or None (a dash). Nothing is formatted before rendering, so
the workbook holds numbers and the PDF Swedish notation of the same numbers.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal


@dataclass
class Table:
    title: str
    headers: list
    rows: list[list]
    total: list | None = None
    empty: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass
class Chart:
    title: str
    svg: str
    table: Table  # the chart's numbers, for those who cannot see it (and for the workbook)


@dataclass
class Text:
    title: str
    body: str
    # Shown when the body is empty: says what is missing rather than leaving a hole.
    empty: str = ""


@dataclass
class Chapter:
    key: str
    title: str
    blocks: list = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def tables(self):
        for block in self.blocks:
            if isinstance(block, Table):
                yield block
            elif isinstance(block, Chart):
                yield block.table


@dataclass
class Document:
    kind: str
    period: object  # Month or Tertial
    title: str
    subtitle: str
    produced_at: datetime
    chapters: list[Chapter]
    customer: object = None
    draft: bool = True

    @property
    def missing(self) -> list[str]:
        return [f"{c.title}: {text}" for c in self.chapters for text in c.missing]

    def chapter(self, key) -> Chapter:
        return next(c for c in self.chapters if c.key == key)


def places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def is_number(value):
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)
