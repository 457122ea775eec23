"""The page of a file import that reads with ekonomi.tabular: upload, map columns, preview,
confirm.

An import service reads a path with `open_table` and raises ImportRefused (the reader's errors,
(row, column, message)) or returns its result: `notes` (ReadNotes), `tally` (Tally: rows read,
new, already present) and, when the import needs an explicit yes, `to_confirm` (sentences).
`refused(problem)` turns the reader's FileProblem into an ImportRefused. `import_page` is the view
around it, the same for every such import:

- the upload waits on disk under a random name; a refused file is deleted at once;
- when the columns are not recognised, the page shows its headings and first rows with
  ColumnMappingForm; the mapping is saved as a named column profile of the schema's kind, and
  later files with the same headings are read with it by themselves;
- the preview is the import itself, run in a transaction that is rolled back: what it shows
  (rows read, new and already present, title rows skipped, columns not read, total rows left
  out, and what must be confirmed) is what the import does, by the same code;
- the import runs only on "Confirm import", from the waiting file. The confirming request first
  takes the file by renaming it, which only one request can do: a double submit imports once.
  What must be confirmed is asked again of the import itself inside its transaction, so a month
  billed between preview and confirm refuses the import instead of slipping through.

A waiting file is deleted once it is imported, refused or cancelled; one left behind (the user
went away) is deleted after PENDING_MAX_AGE, when the next file is put to wait.
"""

import os
import secrets
import tempfile
import time
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ekonomi.tabular import FileError, FileProblem, Sample, scaled_note
from ekonomi.tabular.forms import ColumnMappingForm
from ekonomi.tabular.services import column_profile_save
from ekonomi.uploads import refuse_file, upload_refusal

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
    sheet: str = ""
    scaled: list = field(default_factory=list)

    @classmethod
    def of(cls, table):
        header = table.header
        return cls(
            skipped=list(header.skipped),
            ignored=list(header.ignored),
            totals=list(table.summary_rows),
            profile=header.profile,
            sheet=table.sheet,
            scaled=header.scaled_columns(),
        )

    def sentences(self):
        said = []
        if self.sheet:
            said.append(_("The sheet “%(name)s” was read.") % {"name": self.sheet})
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
        for letter, heading, scale in self.scaled:
            said.append(scaled_note(letter, heading, scale))
        for total in self.totals:
            said.append(
                _("Row %(row)s (“%(text)s”) is a total and was not read.")
                % {"row": total.row, "text": total.text}
            )
        return said


@dataclass
class Tally:
    """The rows an import reads, and how many of them are new or already there (the import
    replaces those, or leaves them as they are)."""

    read: int
    new: int
    present: int


def to_confirm(result) -> list:
    return list(getattr(result, "to_confirm", ()))


class ConfirmForm(forms.Form):
    """The preview's "Confirm import"; when the import says something must be confirmed (hours
    in a billed month), with a box that must be ticked."""

    token = forms.CharField(widget=forms.HiddenInput)
    acknowledged = forms.BooleanField(
        label=gettext_lazy("I confirm this and want the file imported"), required=False
    )

    def __init__(self, *args, token, confirm=(), **kwargs):
        super().__init__(*args, initial={"token": token}, **kwargs)
        if confirm:
            box = self.fields["acknowledged"]
            box.required = True
            # The sentences stand above the form (templates/_file_import.html).
            box.widget.attrs["aria-describedby"] = "import-to-confirm"
            box.error_messages["required"] = _("Tick the box to confirm, or cancel the import.")
        else:
            del self.fields["acknowledged"]


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


def _put_to_wait(request, upload):
    folder = _pending_dir()
    _purge_old(folder)
    _discard(request)
    token = secrets.token_hex(16)
    with (folder / token).open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    waiting = {"token": token, "name": upload.name}
    request.session[_session_key(request)] = waiting
    return waiting


def _keep(request, waiting):
    request.session[_session_key(request)] = waiting


def _waiting(request, stage):
    """What the session keeps of the file waiting at `stage` ("map" or "preview"), or None."""
    saved = request.session.get(_session_key(request))
    if not saved or saved.get("stage") != stage:
        return None
    if not (_pending_dir() / saved["token"]).is_file():
        return None
    return saved


def _discard(request):
    saved = request.session.pop(_session_key(request), None)
    if saved:
        (_pending_dir() / saved["token"]).unlink(missing_ok=True)


def _claim(request, saved):
    """The path of the waiting file, taken for this request alone, or None when another request
    took it first. Renaming is atomic: of two confirms of one file, one finds it gone."""
    request.session.pop(_session_key(request), None)
    path = _pending_dir() / saved["token"]
    claimed = path.with_name(f"{saved['token']}.importing")
    try:
        os.rename(path, claimed)
    except FileNotFoundError:
        return None
    # The clean-up of old files goes by modification time; this one is in use now.
    os.utime(claimed)
    return claimed


class _Rehearsed(Exception):
    def __init__(self, result):
        super().__init__("rolled back")
        self.result = result


def rehearse(run, **kwargs):
    """What `run(**kwargs)` does, with everything it wrote rolled back: the preview's figures
    come from the import's own code, under its own locks."""
    try:
        with transaction.atomic():
            raise _Rehearsed(run(**kwargs))
    except _Rehearsed as rehearsal:
        return rehearsal.result


def _preview(request, page, waiting, *, schema, run):
    """Rehearse the import of the waiting file: its preview, its mapping step or its errors."""
    path = _pending_dir() / waiting["token"]
    try:
        result = rehearse(run, path=path, file_name=waiting["name"])
    except ImportRefused as refusal:
        page["errors"] = refusal.errors
        if refusal.sample is None:
            _discard(request)
        else:
            _keep(
                request,
                {
                    **waiting,
                    "stage": "map",
                    "sample": refusal.sample.as_data(cell_chars=SHOWN_CHARS),
                },
            )
            page["mapping"] = ColumnMappingForm(schema=schema, sample=refusal.sample)
        return
    tally = result.tally
    preview = {
        "file_name": waiting["name"],
        "read": tally.read,
        "new": tally.new,
        "present": tally.present,
        "notes": result.notes.sentences(),
        "to_confirm": [str(sentence) for sentence in to_confirm(result)],
    }
    _keep(
        request,
        {
            "token": waiting["token"],
            "name": waiting["name"],
            "stage": "preview",
            "preview": preview,
        },
    )
    page["preview"] = preview
    page["confirm"] = ConfirmForm(token=waiting["token"], confirm=preview["to_confirm"])


def _map(request, page, waiting, *, schema, run):
    sample = Sample.from_data(waiting["sample"])
    mapping = ColumnMappingForm(request.POST, schema=schema, sample=sample)
    if not mapping.is_valid():
        page["mapping"] = mapping
        return
    try:
        # The profile stays even if the rows are refused: the corrected file is read with it.
        column_profile_save(
            actor=request.user,
            name=mapping.cleaned_data["name"],
            kind=schema.kind,
            headers=sample.headers,
            mapping=mapping.mapping(),
        )
    except ValidationError:
        # The form has checked the rest; what is left is the name, taken by a source with
        # other headings.
        mapping.add_error(
            "name",
            _("Files with other headings already have a source called “%(name)s”.")
            % {"name": mapping.cleaned_data["name"]},
        )
        page["mapping"] = mapping
        return
    _preview(request, page, waiting, schema=schema, run=run)


def _no_longer_waiting():
    return FileError(
        None,
        "",
        _(
            "The file is no longer waiting: it was imported, cancelled or left too long. "
            "Nothing more was done."
        ),
    )


def _confirm(request, page, *, run, done):
    """Import the waiting file after its preview; the response, or None with `page` filled."""
    saved = request.session.get(_session_key(request))
    posted = request.POST.get("token")
    if not saved or saved.get("stage") != "preview" or saved["token"] != posted:
        page["errors"] = [_no_longer_waiting()]
        return None
    preview = saved["preview"]
    confirm = ConfirmForm(request.POST, token=saved["token"], confirm=preview["to_confirm"])
    if not confirm.is_valid():
        page["preview"], page["confirm"] = preview, confirm
        return None
    claimed = _claim(request, saved)
    if claimed is None:
        page["errors"] = [_no_longer_waiting()]
        return None
    acknowledged = set(preview["to_confirm"]) if confirm.cleaned_data.get("acknowledged") else set()
    try:
        with transaction.atomic():
            result = run(path=claimed, file_name=saved["name"])
            # Asked again under the import's locks: what became true since the preview (a
            # month billed meanwhile) was not confirmed.
            unconfirmed = [s for s in to_confirm(result) if str(s) not in acknowledged]
            if unconfirmed:
                raise ImportRefused(
                    [
                        *(FileError(None, "", str(sentence)) for sentence in unconfirmed),
                        FileError(
                            None,
                            "",
                            _(
                                "This was not confirmed, so nothing was imported; "
                                "upload the file again to see its preview."
                            ),
                        ),
                    ]
                )
        return _finish(request, result, done)
    except ImportRefused as refusal:
        page["errors"] = refusal.errors
        return None
    finally:
        claimed.unlink(missing_ok=True)


def import_page(request, *, schema, upload_form, run, done, template, context=None):
    """The import page. `upload_form` is the Form class with a `file` field; `run(path=,
    file_name=)` imports and returns the result or raises ImportRefused; `done(result)` gives
    the response after success (a redirect), having said what was imported."""
    page = {"errors": [], "mapping": None, "preview": None, "confirm": None, **(context or {})}
    form = upload_form()
    step = request.POST.get("step") if request.method == "POST" else None
    if step == "cancel":
        _discard(request)
    elif step == "confirm":
        if response := _confirm(request, page, run=run, done=done):
            return response
    elif step == "map":
        waiting = _waiting(request, "map")
        if waiting is None:
            page["errors"] = [
                FileError(None, "", _("The file is no longer here; upload it again."))
            ]
        else:
            _map(request, page, waiting, schema=schema, run=run)
    elif request.method == "POST":
        # A new file replaces one still waiting.
        _discard(request)
        form = upload_form(request.POST, request.FILES)
        if refusal := upload_refusal(request):
            refuse_file(form, refusal)
        elif form.is_valid():
            waiting = _put_to_wait(request, form.cleaned_data["file"])
            _preview(request, page, waiting, schema=schema, run=run)
    page["form"] = form
    return render(request, template, page)


def _finish(request, result, done):
    response = done(result)
    for sentence in result.notes.sentences():
        messages.info(request, sentence)
    return response
