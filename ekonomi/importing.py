"""The page of a file import that reads with ekonomi.tabular: upload, map columns, result.

An import service reads a path with `open_table` and raises ImportRefused (the reader's errors,
(row, column, message)) or returns; `refused(problem)` turns the reader's FileProblem into one.
`import_page` is the view around it, the same for every such import:

- the upload goes to disk only as long as the import runs (a refused file is gone at once);
- when the columns are not recognised, the file waits under a random name while the page shows
  its headings and first rows with ColumnMappingForm; the mapping is saved as a named column
  profile of the schema's kind, the waiting file is imported with it, and later files with the
  same headings are read with it by themselves;
- what the reader left out (title rows, columns not read, total rows) is told with the result.

A waiting file is deleted once it is imported, refused or cancelled; one left behind (the user
went away) is deleted after PENDING_MAX_AGE, when the next file is put to wait.
"""

import secrets
import tempfile
import time
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ekonomi.tabular import FileError, FileProblem, Sample, SkippedRow
from ekonomi.tabular.forms import ColumnMappingForm
from ekonomi.tabular.services import column_profile_save
from ekonomi.uploads import upload_refusal

PENDING_MAX_AGE = 60 * 60
SHOWN_CHARS = 200


class ImportRefused(Exception):
    """Nothing was saved. `errors` are FileErrors, whole-file ones with no row; `sample` is the
    start of the file when its columns were not recognised."""

    def __init__(self, errors, *, sample=None):
        super().__init__(f"{len(errors)} errors")
        self.errors = list(errors)
        self.sample = sample


def refused(problem: FileProblem) -> ImportRefused:
    return ImportRefused(
        [FileError(None, "", problem.message), *problem.errors],
        sample=getattr(problem, "sample", None),
    )


@dataclass
class ReadNotes:
    """What the reader left out of a file, to be told with the result."""

    skipped: list = field(default_factory=list)
    ignored: list = field(default_factory=list)
    totals: list = field(default_factory=list)
    profile: str = ""

    @classmethod
    def of(cls, table):
        header = table.header
        return cls(
            skipped=list(header.skipped),
            ignored=list(header.ignored),
            totals=list(table.summary_rows),
            profile=header.profile,
        )

    def sentences(self):
        said = []
        if self.profile:
            said.append(
                _("The columns were read as the source “%(name)s”.") % {"name": self.profile}
            )
        if self.skipped:
            said.append(
                ngettext(
                    "Row %(rows)s above the headings was skipped.",
                    "Rows %(rows)s above the headings were skipped.",
                    len(self.skipped),
                )
                % {"rows": ", ".join(str(row.row) for row in self.skipped)}
            )
        for column in self.ignored:
            if column.header:
                sentence = _("Column %(letter)s (%(heading)s) was not read.") % {
                    "letter": column.letter,
                    "heading": column.header,
                }
            else:
                sentence = _("Column %(letter)s was not read.") % {"letter": column.letter}
            said.append(f"{sentence} {column.hint}".strip())
        for total in self.totals:
            said.append(
                _("Row %(row)s (“%(text)s”) is a total and was not read.")
                % {"row": total.row, "text": total.text}
            )
        return said


@contextmanager
def upload_on_disk(upload):
    """The path of the uploaded file while the block runs; nothing of it is left afterwards."""
    if hasattr(upload, "temporary_file_path"):
        # Django already streamed it to a temporary file, deleted at the end of the request.
        yield upload.temporary_file_path()
        return
    with tempfile.NamedTemporaryFile(dir=_temp_dir()) as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
        handle.flush()
        yield handle.name


def _temp_dir():
    return settings.FILE_UPLOAD_TEMP_DIR or None


def _pending_dir():
    folder = Path(_temp_dir() or tempfile.gettempdir()) / "ekonomi-pending-imports"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def _session_key(request):
    # One waiting file per import page: the budget of 2013 and of 2014 are two pages.
    return f"pending_import:{request.path}"


def _purge_old(folder):
    cutoff = time.time() - PENDING_MAX_AGE
    for old in folder.iterdir():
        # Another request may be deleting the same file.
        with suppress(FileNotFoundError):
            if old.stat().st_mtime < cutoff:
                old.unlink()


def _put_to_wait(request, upload, sample):
    folder = _pending_dir()
    _purge_old(folder)
    _discard(request)
    token = secrets.token_hex(16)
    with (folder / token).open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    shown = asdict(sample)
    # The session keeps what the mapping form shows; a cell is shown in part (the headings are
    # kept whole: the saved profile is found by them).
    shown["rows"] = [(row, [cell[:SHOWN_CHARS] for cell in cells]) for row, cells in sample.rows]
    request.session[_session_key(request)] = {"token": token, "name": upload.name, "sample": shown}


def _waiting(request):
    """(path, file name, sample) of the file waiting for its columns, or None."""
    saved = request.session.get(_session_key(request))
    if not saved:
        return None
    path = _pending_dir() / saved["token"]
    if not path.is_file():
        return None
    sample = saved["sample"]
    return (
        path,
        saved["name"],
        Sample(
            header_row=sample["header_row"],
            headers=sample["headers"],
            rows=[(row, cells) for row, cells in sample["rows"]],
            skipped=[SkippedRow(**row) for row in sample["skipped"]],
        ),
    )


def _discard(request):
    saved = request.session.pop(_session_key(request), None)
    if saved:
        (_pending_dir() / saved["token"]).unlink(missing_ok=True)


def import_page(request, *, schema, upload_form, run, done, template, context=None):
    """The import page. `upload_form` is the Form class with a `file` field; `run(path=,
    file_name=)` imports and returns the result or raises ImportRefused; `done(result)` gives
    the response after success (a redirect), having said what was imported."""
    kind = schema.kind
    page = {"errors": [], "mapping": None, **(context or {})}
    form = upload_form()
    step = request.POST.get("step") if request.method == "POST" else None
    waiting = _waiting(request) if step in ("map", "cancel") else None
    if step == "cancel":
        _discard(request)
    elif step == "map" and waiting is None:
        page["errors"] = [FileError(None, "", _("The file is no longer here; upload it again."))]
    elif step == "map":
        path, file_name, sample = waiting
        mapping = ColumnMappingForm(request.POST, schema=schema, sample=sample)
        if not mapping.is_valid():
            page["mapping"] = mapping
        else:
            try:
                column_profile_save(
                    actor=request.user,
                    name=mapping.cleaned_data["name"],
                    kind=kind,
                    headers=sample.headers,
                    mapping=mapping.mapping(),
                )
            except ValidationError:
                # The form has checked the rest; what is left is the name, taken by a source
                # with other headings.
                mapping.add_error(
                    "name",
                    _("Files with other headings already have a source called “%(name)s”.")
                    % {"name": mapping.cleaned_data["name"]},
                )
                page["mapping"] = mapping
            else:
                # The profile stays even if the rows are refused: the corrected file is read
                # with it.
                try:
                    return _finish(request, run(path=path, file_name=file_name), done)
                except ImportRefused as refusal:
                    page["errors"] = refusal.errors
                finally:
                    _discard(request)
    elif request.method == "POST":
        # A new file replaces one still waiting for its columns.
        _discard(request)
        form = upload_form(request.POST, request.FILES)
        if refusal := upload_refusal(request):
            form.add_error("file", refusal)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                with upload_on_disk(upload) as path:
                    return _finish(request, run(path=path, file_name=upload.name), done)
            except ImportRefused as refusal:
                page["errors"] = refusal.errors
                if refusal.sample is not None:
                    _put_to_wait(request, upload, refusal.sample)
                    page["mapping"] = ColumnMappingForm(schema=schema, sample=refusal.sample)
    page["form"] = form
    return render(request, template, page)


def _finish(request, result, done):
    response = done(result)
    for sentence in result.notes.sentences():
        messages.info(request, sentence)
    return response
