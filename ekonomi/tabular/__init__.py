"""The one reader of tabular files (CSV and XLSX) for every import.

An import declares its fields (key, Swedish label, synonyms, parser) in a Schema, opens the file
with `open_table(path, schema)`, and loops over `(row, cells)`; the package finds the encoding,
separator, header, title rows above it and total rows below, applies saved column profiles,
keeps hostile files out (xlsx_guard, caps in settings) and gives every error one shape,
(row, column, message). Parsers of Swedish numbers and dates are in `values`.

Modules: values (parsers), schema (Field, Shape, Schema, header matching), fields (the common
fields), sources (CSV/XLSX row streams), xlsx_guard (zip checks), table (open_table, Sample),
errors, and the column profiles: models, selectors, services, forms.
"""

from ekonomi.tabular.errors import ErrorList, FileError, FileProblem
from ekonomi.tabular.schema import (
    Field,
    Header,
    IgnoredColumn,
    Schema,
    Shape,
    SkippedRow,
    scaled_note,
)
from ekonomi.tabular.table import ColumnsNotRecognised, Sample, Table, open_table

__all__ = [
    "ColumnsNotRecognised",
    "ErrorList",
    "Field",
    "FileError",
    "FileProblem",
    "Header",
    "IgnoredColumn",
    "Sample",
    "Schema",
    "Shape",
    "SkippedRow",
    "Table",
    "open_table",
    "scaled_note",
]
