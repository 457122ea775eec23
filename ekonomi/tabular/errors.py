"""Errors in one shape for every import: (row, column, message).

The row is the file's row as the user sees it in Excel (1-based, title rows counted); the column
is a field's label or the file's own header text; the message is the sentence the user reads.
A whole-file problem is an exception (FileProblem) carrying one message.
"""

from typing import NamedTuple

from django.conf import settings


class FileError(NamedTuple):
    row: int | None
    column: str
    message: str


class FileProblem(Exception):
    """Something about the whole file; the user gets this message (and `errors`, if any)."""

    def __init__(self, message, errors=()):
        super().__init__(message)
        self.message = str(message)
        self.errors = list(errors)


class ErrorList:
    """Keeps the first `limit` errors and counts all of them.

    `order` maps a column name to its position in the file, so that errors sort as the user
    reads the file: by row, then left to right; a name it lacks (a whole-row error) comes first.
    """

    def __init__(self, *, order=None, limit=None):
        self.items = []
        self.count = 0
        self.order = dict(order or {})
        self.limit = settings.TABULAR_MAX_ERRORS if limit is None else limit

    def add(self, row, column, message):
        self.count += 1
        if len(self.items) < self.limit:
            self.items.append(FileError(row, str(column), str(message)))

    def __bool__(self):
        return self.count > 0

    @property
    def truncated(self):
        return self.count > len(self.items)

    def sorted(self):
        return sorted(self.items, key=lambda e: (e.row or 0, self.order.get(e.column, -1)))
