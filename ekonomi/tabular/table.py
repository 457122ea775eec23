"""A file read against a schema: its header found, its data rows streamed, its errors collected.

    with open_table(path, schema) as table:
        index = table.header.positions          # field key -> column position
        for row, cells in table:                # data rows only, each exactly header-wide
            ...
        table.summary_rows                      # "Summa" rows left out, with their row numbers

The header is the first of the first 20 rows that a saved column profile knows, or else the
one whose headings name most of a shape's columns; the rows above it are skipped and listed. A
row whose key columns are blank and which starts with "Summa", "Totalt", "Total"... is a total,
left out and listed. Iteration is one flat loop: the usual row (header-wide, its first two key
cells filled) costs a length check and two truth tests; everything else takes the slow path,
which pads short rows, reports cells past the header, skips blank rows (refusing a run of
TABULAR_MAX_BLANK_RUN) and recognises totals. Per-value parsing and caching belong to the caller.
"""

import csv
import re
from dataclasses import dataclass
from datetime import date, datetime
from itertools import chain, islice

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ekonomi.tabular.errors import ErrorList, FileProblem
from ekonomi.tabular.schema import SkippedRow, header_signature, normalise
from ekonomi.tabular.sources import HEAD_ROWS, empty_file, open_source
from ekonomi.tabular.values import is_blank, text

# The first word of a total row's label ("Summa totalt", "Totalt:", "Delsumma RIKI").
TOTAL_WORDS = frozenset(
    {
        "summa",
        "summor",
        "totalt",
        "total",
        "totals",
        "totalsumma",
        "delsumma",
        "slutsumma",
        "subtotal",
        "sum",
        "grand",
    }
)
_FIRST_WORD = re.compile(r"[^\W\d_]+")


def _number(value):
    return number_format(value, force_grouping=True)


@dataclass
class Sample:
    """The start of a file whose columns were not recognised: what a mapping form shows."""

    header_row: int
    headers: list
    rows: list  # (row number, [cell text, ...]) for the first data rows
    skipped: list
    sheet: str = ""  # the workbook sheet's name, when it has more than one

    def as_data(self, *, cell_chars=None) -> dict:
        """The sample as JSON-safe data (a session, a JSON field), with each cell cut to
        `cell_chars`; the headings stay whole, since a saved profile is found by them."""
        return {
            "header_row": self.header_row,
            "headers": list(self.headers),
            "rows": [[row, [cell[:cell_chars] for cell in cells]] for row, cells in self.rows],
            "skipped": [[row.row, row.text] for row in self.skipped],
            "sheet": self.sheet,
        }

    @classmethod
    def from_data(cls, data) -> "Sample":
        return cls(
            header_row=data["header_row"],
            headers=data["headers"],
            rows=[(row, cells) for row, cells in data["rows"]],
            skipped=[SkippedRow(row, text) for row, text in data["skipped"]],
            sheet=data.get("sheet", ""),
        )


class ColumnsNotRecognised(FileProblem):
    """The header was not found, or lacks required columns; `sample` is the file's start."""

    def __init__(self, message, errors=(), *, sample):
        super().__init__(message, errors)
        self.sample = sample


def open_table(path, schema, *, profiles=None):
    """The Table for the file at `path`. `profiles` (signature -> (name, mapping)) defaults to
    the saved column profiles of the schema's kind."""
    if profiles is None:
        from ekonomi.tabular.selectors import column_profiles_by_signature

        profiles = column_profiles_by_signature(kind=schema.kind)
    return Table(path, schema, profiles)


def _sample(head, count, at=None, *, sheet=""):
    """The sample of these first rows, with the header at index `at` (else guessed)."""
    if at is None:
        top = head[:HEAD_ROWS]
        widest = max(_filled(cells) for _number, cells in top)
        at = next(i for i, (_number, cells) in enumerate(top) if _filled(cells) == widest)
    number, cells = head[at]
    width = max(len(cells) for _number, cells in head)
    data = [
        (row, [_shown(cell) for cell in cells] + [""] * (width - len(cells)))
        for row, cells in head[at + 1 :]
        if not _blank(cells)
    ][:count]
    headers = [_shown(cell) for cell in cells] + [""] * (width - len(cells))
    return Sample(number, headers, data, _skipped(head[:at]), sheet)


def _shown(value):
    if isinstance(value, datetime):
        return value.isoformat(sep=" ").removesuffix(" 00:00:00")
    if isinstance(value, date):
        return value.isoformat()
    return text(value)


def _filled(cells):
    return sum(not is_blank(cell) for cell in cells)


def _blank(cells):
    return all(is_blank(cell) for cell in cells)


def _skipped(rows):
    return [
        SkippedRow(row, " ".join(text(c) for c in cells if not is_blank(c))) for row, cells in rows
    ]


class Table:
    def __init__(self, path, schema, profiles):
        self.schema = schema
        self.source = open_source(path, recognise=schema.recognise)
        self.sheet = self.source.sheet
        try:
            self._start(profiles)
        except (UnicodeDecodeError, csv.Error) as error:
            self.source.close()
            raise self.source.unreadable(error) from error
        except BaseException:
            self.source.close()
            raise

    def _start(self, profiles):
        source = self.source
        head = list(islice(source.rows, HEAD_ROWS))
        if all(_blank(cells) for _row, cells in head):
            raise empty_file()
        header, at = self._find_header(head, profiles)
        if header.problems:
            raise ColumnsNotRecognised(
                _("Some columns are missing or appear twice."),
                header.problems,
                sample=_sample(head + list(islice(source.rows, 5)), 5, at, sheet=self.sheet),
            )
        if header.width > settings.TABULAR_MAX_COLUMNS:
            raise self._too_wide(header.row)
        header.skipped = _skipped(head[:at])
        self.header = header
        self.errors = ErrorList(order=header.column_order())
        self.summary_rows = []
        keys = [f for f in header.shape.required if not f.summed]
        self._key_positions = sorted(header.positions[f.key] for f in keys)
        # The usual row has its first two key cells filled; a total row has at least one of
        # them blank. With fewer than two key columns every row takes the slow path.
        self._probes = ([*self._key_positions, 0, 0])[:2]
        self._width = header.width if len(self._key_positions) >= 2 else -1
        self._blank_end = self._blank_run = 0
        # The cap counts the file's rows, the header and those above it included; a row left
        # in the source after the capped ones means the file is too long.
        self._source_rows = source.rows
        capped = islice(source.rows, max(settings.TABULAR_MAX_ROWS - len(head), 0))
        self._rows = chain(head[at + 1 :], capped)
        self._first = self._next_data_row()
        # Rows that are all refused (cells past the header) are errors, not an empty file.
        if self._first is None and not self.errors:
            raise FileProblem(_("The file has headings but no data rows."))
        self._read = False

    def _find_header(self, head, profiles):
        """The first row a saved profile knows; else the row whose headings make the most
        complete header ("Datum: 2012-04-02 | Kund: alla" above the real one is not it)."""
        best = None
        for at, (row, cells) in enumerate(head):
            if _blank(cells):
                continue
            saved = profiles.get(header_signature(cells))
            if saved is not None:
                name, mapping = saved
                return self.schema.apply(mapping, cells, row, profile=name), at
            header = self.schema.match(cells, row)
            if header is None:
                continue
            score = (not header.problems, len(header.positions))
            if best is None or score > best[0]:
                best = (score, header, at)
        if best is not None:
            return best[1], best[2]
        raise ColumnsNotRecognised(
            _describe(self.schema),
            sample=_sample(head + list(islice(self.source.rows, 5)), 5, sheet=self.sheet),
        )

    def _next_data_row(self):
        for row in self._rows:
            row = self._slow(row)
            if row is not None:
                return row
        return None

    def __iter__(self):
        if self._read:
            raise RuntimeError("A table is read once.")
        self._read = True
        first, self._first = self._first, None
        if first is None:
            return
        yield first
        width = self._width
        a, b = self._probes
        slow = self._slow
        try:
            for row in self._rows:
                cells = row[1]
                if len(cells) == width and cells[a] and cells[b]:
                    yield row
                else:
                    row = slow(row)
                    if row is not None:
                        yield row
        except (UnicodeDecodeError, csv.Error) as error:
            raise self.source.unreadable(error) from error
        beyond = next(self._source_rows, None)
        if beyond is not None:
            raise FileProblem(
                _("The file has more than %(max)s rows; row %(row)s and below were not read.")
                % {"max": _number(settings.TABULAR_MAX_ROWS), "row": _number(beyond[0])}
            )

    def _slow(self, row):
        """The row to yield, padded or cut to the header's width, or None if it is not data."""
        number, cells = row
        width = self.header.width
        if len(cells) > width:
            if not _blank(cells[width:]):
                if len(cells) > settings.TABULAR_MAX_COLUMNS:
                    raise self._too_wide(number)
                self.errors.add(number, "", self.source.extra_cells(cells, width))
                return None
            cells = cells[:width]
        elif len(cells) < width:
            cells = [*cells, *[self.source.fill] * (width - len(cells))]
        if _blank(cells):
            self._blank_run = self._blank_run + 1 if number == self._blank_end + 1 else 1
            self._blank_end = number
            if self._blank_run > settings.TABULAR_MAX_BLANK_RUN:
                raise FileProblem(
                    _(
                        "More than %(max)s empty rows in a row end at row %(row)s; delete the "
                        "empty rows below the data and try again."
                    )
                    % {"max": _number(settings.TABULAR_MAX_BLANK_RUN), "row": _number(number)}
                )
            return None
        label = self._total_label(cells)
        if label:
            self.summary_rows.append(SkippedRow(number, label))
            return None
        return number, cells

    def _total_label(self, cells):
        at, label = next(((i, text(c)) for i, c in enumerate(cells) if not is_blank(c)), (0, ""))
        word = _FIRST_WORD.match(label.casefold())
        if not word or word[0] not in TOTAL_WORDS:
            return ""
        if word[0] == "grand" and not normalise(label).startswith("grandtotal"):
            return ""
        if any(not is_blank(cells[p]) for p in self._key_positions if p != at):
            return ""
        return label

    def _too_wide(self, row):
        return FileProblem(
            _("Row %(row)s has more than %(max)s columns; the most that can be read is %(max)s.")
            % {"row": _number(row), "max": _number(settings.TABULAR_MAX_COLUMNS)}
        )

    def records(self):
        """(row, {field key: value}) for each row whose every field parses with the field's
        `parse`; each fault goes to `errors`. For imports of thousands of rows, not millions."""
        shape = self.header.shape
        columns = [(f, self.header.positions.get(f.key)) for f in shape.fields]
        scales = self.header.scales
        missing = _("The value is missing.")
        for number, cells in self:
            values, faults = {}, 0
            for field, position in columns:
                raw = None if position is None else cells[position]
                if is_blank(raw):
                    values[field.key] = None
                    if field.required:
                        self.errors.add(number, field.label, missing)
                        faults += 1
                    continue
                try:
                    if field.key in scales:
                        values[field.key] = field.parse(raw, scale=scales[field.key])
                    else:
                        values[field.key] = field.parse(raw) if field.parse else text(raw)
                except ValueError as error:
                    self.errors.add(number, field.label, error)
                    faults += 1
            if not faults:
                yield number, values

    @property
    def fraction(self):
        """How far the file has been read, 0 to 1: for progress bars."""
        return self.source.fraction()

    def close(self):
        self.source.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


def _describe(schema):
    def columns(shape):
        return ", ".join(str(f.label) if f.required else f"({f.label})" for f in shape.fields)

    if len(schema.shapes) == 1:
        return _("The columns were not recognised; the file needs the columns %(columns)s.") % {
            "columns": columns(schema.shapes[0])
        }
    kinds = "; ".join(
        _("%(shape)s: %(columns)s") % {"shape": shape.label, "columns": columns(shape)}
        for shape in schema.shapes
    )
    return _(
        "The columns were not recognised. The file needs the columns of one kind: %(kinds)s."
    ) % {"kinds": kinds}
