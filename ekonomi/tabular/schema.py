"""What an import expects of a file: fields (key, label, synonyms), shapes, header matching.

A header cell is matched after `normalise`: case, accents, spaces, punctuation and a unit in
brackets do not count ("Ver.nr", "VERNR", "Belopp (kr)", "Belopp [SEK]" are "vernr", "vernr",
"belopp", "belopp"). A schema may have several shapes; the shape whose marker columns the header
holds is the file's shape. The match lists every column it does not read, with a hint when the
heading resembles a field, so that no column is dropped silently.
"""

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from ekonomi.tabular.errors import FileError
from ekonomi.tabular.values import text

# A unit after the name, in brackets ("Belopp (kr)") or as a currency word ("Belopp, tkr").
_UNIT = re.compile(
    r"\s*[(\[][^()\[\]]*[)\]]\s*$|[\s,]+(?:kr|sek|tkr|ksek|tsek|mkr|mnkr|msek)\.?\s*$",
    re.IGNORECASE,
)
_STATED_UNIT = re.compile(r"[(\[]([^()\[\]]*)[)\]]\s*$|\s([^\W\d_]+)\.?\s*$")
_SCALES = {
    **dict.fromkeys(("tkr", "ksek", "tsek", "tusenkronor", "tusentalkronor"), 1000),
    **dict.fromkeys(("mkr", "mnkr", "msek", "miljonerkronor"), 1_000_000),
}
# A heading that contains a field's synonym resembles that field; shorter synonyms ("nr")
# would make every other heading resemble something.
_RESEMBLES_FROM = 4


def normalise(header):
    """The heading as it is compared: "Belopp (kr)", "Belopp, tkr" and "BELOPP" are all
    "belopp"."""
    folded = _UNIT.sub("", text(header)).casefold()
    # NFKD splits "ö" into "o" and a combining mark, which is not alphanumeric.
    return "".join(char for char in unicodedata.normalize("NFKD", folded) if char.isalnum())


@dataclass(frozen=True)
class Field:
    """A column an import reads. `label` names it in every message; `synonyms` are the
    headings it is recognised by (the key is one too); `parse` turns a cell into its value.
    A `summed` field (an amount, a count) is one that a total row at the end adds up; the
    other required fields are blank on such a row."""

    key: str
    label: Any
    synonyms: tuple[str, ...] = ()
    required: bool = True
    parse: Callable | None = None
    summed: bool = False
    # Kronor: a heading may state thousands or millions ("Intäkter (tkr)"), and `parse` then
    # takes `scale`.
    money: bool = False

    def names(self):
        return {normalise(name) for name in (self.key, *self.synonyms)} - {""}

    def with_synonyms(self, *names):
        return replace(self, synonyms=(*self.synonyms, *names))


@dataclass(frozen=True)
class Shape:
    """One layout a file of the import may have; `markers` (keys) tell it from the others."""

    key: str
    label: Any
    fields: tuple[Field, ...]
    markers: frozenset = frozenset()

    def marker_keys(self):
        return self.markers or frozenset(f.key for f in self.fields)

    def field(self, key):
        return next((f for f in self.fields if f.key == key), None)

    @property
    def required(self):
        return [f for f in self.fields if f.required]


@dataclass(frozen=True)
class IgnoredColumn:
    position: int
    header: str
    hint: str = ""

    @property
    def letter(self):
        return get_column_letter(self.position + 1)


@dataclass(frozen=True)
class SkippedRow:
    row: int
    text: str


@dataclass
class Header:
    """The header row of a file and what each of its columns is."""

    row: int
    shape: Shape
    headers: list
    positions: dict
    ignored: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    profile: str = ""
    # Title and empty rows above the header, filled in by the reader.
    skipped: list = field(default_factory=list)
    # Field key -> what one written unit is in kronor, for money columns not in kronor.
    scales: dict = field(default_factory=dict)

    @property
    def width(self):
        return len(self.headers)

    def label(self, key):
        return str(self.shape.field(key).label)

    def scaled_columns(self):
        """[column letter, heading, kronor per written unit] of the money columns not in
        kronor."""
        return [
            [get_column_letter(self.positions[key] + 1), self.headers[self.positions[key]], scale]
            for key, scale in self.scales.items()
        ]

    def column_order(self):
        """Column name -> position, for sorting errors left to right."""
        order = {self.label(key): position for key, position in self.positions.items()}
        order.update({header: position for position, header in enumerate(self.headers)})
        return order


class Schema:
    """The fields of one kind of import (`kind` names it for saved column profiles)."""

    def __init__(self, kind, shapes):
        self.kind = kind
        self.shapes = tuple(shapes)
        self._by_name = {}
        self._by_key = {candidate.key: candidate for candidate in self.fields}
        for candidate in self.fields:
            for name in candidate.names():
                known = self._by_name.setdefault(name, candidate)
                if known.key != candidate.key:
                    raise ValueError(f"{name!r} names both {known.key} and {candidate.key}")

    @classmethod
    def single(cls, kind, fields):
        return cls(kind, [Shape(kind, "", tuple(fields))])

    @property
    def fields(self):
        unique = {}
        for shape in self.shapes:
            for candidate in shape.fields:
                unique.setdefault(candidate.key, candidate)
        return list(unique.values())

    def label(self, key) -> str:
        """The Swedish name of a field, as every message names its column."""
        return str(self._by_key[key].label)

    def recognise(self, header):
        return self._by_name.get(normalise(header))

    def shape_for(self, keys):
        """The shape that the columns `keys` make, or None if none of its markers is there."""
        candidates = [shape for shape in self.shapes if shape.marker_keys() & keys]
        if not candidates:
            return None
        return max(
            candidates,
            key=lambda s: (
                sum(f.key in keys for f in s.required),
                sum(f.key in keys for f in s.fields),
            ),
        )

    def match(self, cells, row):
        """The Header if this row is one by its headings, else None."""
        headers = _headers(cells)
        found, doubled = {}, []
        for position, heading in enumerate(headers):
            known = self.recognise(heading)
            if known is None:
                continue
            if known.key in found:
                doubled.append(position)
            else:
                found[known.key] = position
        shape = self.shape_for(found.keys())
        if shape is None or len(found) < min(2, len(shape.fields)):
            return None
        positions = {key: at for key, at in found.items() if shape.field(key)}
        header = Header(row=row, shape=shape, headers=headers, positions=positions)
        for position in doubled:
            key = self.recognise(headers[position]).key
            if shape.field(key):
                header.problems.append(
                    FileError(row, header.label(key), _("The column appears more than once."))
                )
        self._finish(header)
        return header

    def apply(self, mapping, cells, row, profile=""):
        """The Header that a saved mapping (a field key or "" per column) gives this row."""
        headers = _headers(cells)
        positions = {key: at for at, key in enumerate(mapping[: len(headers)]) if key}
        shape = self.shape_for(positions.keys()) or self.shapes[0]
        positions = {key: at for key, at in positions.items() if shape.field(key)}
        header = Header(row, shape, headers, positions, profile=profile)
        self._finish(header)
        return header

    def _finish(self, header):
        shape, row = header.shape, header.row
        for required in shape.required:
            if required.key not in header.positions:
                header.problems.append(
                    FileError(row, str(required.label), _("The required column is missing."))
                )
        header.scales = {
            key: scale
            for key, at in header.positions.items()
            if shape.field(key).money and (scale := money_scale(header.headers[at])) != 1
        }
        used = set(header.positions.values())
        header.ignored = [
            IgnoredColumn(position, heading, self._hint(header, heading))
            for position, heading in enumerate(header.headers)
            if position not in used
        ]

    def _hint(self, header, heading):
        shape = header.shape
        known = self.recognise(heading)
        if known is not None and shape.field(known.key) is None:
            return _("%(field)s is not read from this kind of file.") % {"field": known.label}
        if known is not None:
            return _("A second %(field)s column; column %(letter)s is read.") % {
                "field": known.label,
                "letter": get_column_letter(header.positions[known.key] + 1),
            }
        name = normalise(heading)
        for candidate in shape.fields:
            if any(len(s) >= _RESEMBLES_FROM and s in name for s in candidate.names()):
                if candidate.key in header.positions:
                    return _("Resembles %(field)s, which is read from column %(letter)s.") % {
                        "field": candidate.label,
                        "letter": get_column_letter(header.positions[candidate.key] + 1),
                    }
                return _(
                    "Resembles %(field)s but the heading is not recognised; map the columns "
                    "if it is %(field)s."
                ) % {"field": candidate.label}
        return ""


def money_scale(heading):
    """What one unit of a money column is in kronor, by the unit its heading states in
    brackets or as its last word: "Intäkter (tkr)" 1000, "Belopp MSEK" 1000000, else 1."""
    stated = _STATED_UNIT.search(text(heading))
    if stated is None:
        return 1
    unit = "".join(char for char in (stated[1] or stated[2]).casefold() if char.isalnum())
    return _SCALES.get(unit, 1)


def scaled_note(letter, heading, scale):
    """What the reader tells of a money column it scaled to kronor."""
    unit = _("thousands of kronor") if scale == 1000 else _("millions of kronor")
    return _("Column %(letter)s (%(heading)s) is in %(unit)s; its amounts were read as kronor.") % {
        "letter": letter,
        "heading": heading,
        "unit": unit,
    }


def _headers(cells):
    """The headings up to the last one that is not blank."""
    headers = [text(cell) for cell in cells]
    while headers and not headers[-1]:
        headers.pop()
    return headers


def header_signature(cells):
    """What saved column profiles are found by: a hash of the normalised headings."""
    joined = "\x1f".join(normalise(heading) for heading in _headers(cells))
    return hashlib.sha256(joined.encode()).hexdigest()
