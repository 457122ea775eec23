"""Volume imports: upload, check (the preview), import, undo.

The check and the import run as background jobs (invoicing/volumes/tasks.py) when started
from the web; the command line calls them directly. Each claims its import by status, so a
job run again after its worker died takes up where the import stands and never imports twice.

The file is read by the one tabular reader (ekonomi.tabular) against the volume schema
(invoicing/volumes/files.py). It is parsed once, at the check: the valid rows are staged in a
spool beside the file (lines ready for COPY) with the customer and price item keys they were
checked with, and the import merges the spool into the documents table without reading the
file again, unless the register changed in between, when it reads and checks the file anew.
The check finds duplicates and what is already imported in temporary tables. Nothing is
written unless the whole file is valid: every fault is listed, and the transaction that
wrote anything is rolled back. A refused file is deleted; its record keeps the errors.
"""

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from ekonomi.periods import Month
from ekonomi.tabular import FileProblem, open_table
from invoicing import closing
from invoicing.volumes import files, monthly, rows, selectors, sql
from invoicing.volumes.files import Shape
from invoicing.volumes.mapping import layout, recognise
from invoicing.volumes.models import VolumeImport
from invoicing.volumes.spool import Spool

logger = logging.getLogger(__name__)
# Who undid what: a record of its own, apart from the import's technical log.
audit_log = logging.getLogger("ekonomi.audit")
access_log = logging.getLogger("ekonomi.access")

Status = VolumeImport.Status


def max_bytes():
    return settings.VOLUME_IMPORT_MAX_BYTES


# Upload and confirmation.


def volume_import_upload(*, file, user) -> VolumeImport:
    """Store the file and find its header; the check comes next.

    An empty file, one over the size limit, one the reader refuses (a workbook bomb, headings
    without data rows...) is refused with one message (a ValidationError) and nothing is
    stored. A file whose columns are not recognised is kept, waiting for the user to map them
    (status MAPPING); the command line, which cannot ask, discards it.
    """
    if file.size == 0:
        raise ValidationError(_("The file is empty."))
    if file.size > max_bytes():
        raise ValidationError(
            _("The file is %(size)s; the largest file that can be imported is %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(max_bytes())}
        )
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    name = Path(file.name).name
    volume_import = VolumeImport(
        source=VolumeImport.Source.FILE,
        file_name=name[:255],
        file_size=file.size,
        sha256=digest.hexdigest(),
        created_by=user,
    )
    volume_import.file.save(name, file, save=False)
    try:
        recognise(volume_import)
        volume_import.full_clean()
    except FileProblem as problem:
        volume_import.file.delete(save=False)
        raise ValidationError(problem.message) from problem
    except BaseException:
        volume_import.file.delete(save=False)
        raise
    volume_import.save()
    return volume_import


def volume_import_billed_months(*, volume_import) -> list[Month]:
    """The billed months that the import would add rows to: they become adjustment lines on
    the next invoice, which the user confirms first."""
    touched = [
        Month.parse(key)
        for key, totals in volume_import.month_totals.items()
        if totals.get("new", totals.get("rows", 0))
    ]
    return closing.billed_months(sorted(touched))


def volume_import_confirm(*, volume_import_id, billed_confirmed=False) -> VolumeImport:
    """Mark a checked import to be carried out; volume_import_run does it. An import that
    adds rows to a billed month needs `billed_confirmed`."""
    with transaction.atomic():
        volume_import = VolumeImport.objects.select_for_update().get(pk=volume_import_id)
        if volume_import.status != Status.READY:
            raise ValidationError(_("Only a checked import that waits for confirmation can start."))
        billed = volume_import_billed_months(volume_import=volume_import)
        if billed and not billed_confirmed:
            raise ValidationError(billed_message(billed))
        volume_import.status = Status.RUNNING
        volume_import.save(update_fields=["status"])
    return volume_import


def volume_import_discard(*, volume_import_id, busy: bool) -> None:
    """Remove an import that was not carried out, with its file; `busy`: its job is still
    queued or running, which only the job itself may end."""
    with transaction.atomic():
        volume_import = VolumeImport.objects.select_for_update().get(pk=volume_import_id)
        if volume_import.status in {Status.DONE, Status.UNDONE} or busy:
            raise ValidationError(_("Only an import that has not been carried out can be removed."))
        _remove(volume_import)


def _remove(volume_import):
    Spool(volume_import).delete()
    volume_import.file.delete(save=False)
    volume_import.delete()


def billed_message(months):
    return _(
        "The file has new rows for %(months)s, already billed: they become adjustment lines on "
        "the next invoice. Confirm that they are to be imported."
    ) % {"months": ", ".join(month.label for month in months)}


# Imports never carried out: refused, or left at the column mapping or the preview.
UNFINISHED = (Status.REJECTED, Status.MAPPING, Status.READY)


def volume_imports_unfinished(*, older_than) -> list[VolumeImport]:
    """Imports never carried out and uploaded before `older_than`: refused ones, and files
    left waiting at the column mapping or the preview."""
    return list(
        VolumeImport.objects.filter(
            source=VolumeImport.Source.FILE, status__in=UNFINISHED, created_at__lt=older_than
        ).order_by("created_at", "pk")
    )


def volume_imports_purge(*, older_than) -> list[VolumeImport]:
    """Remove the unfinished imports uploaded before `older_than`, with their files; the
    removed ones, for the operator's list. Each is looked at again under its row lock: one
    confirmed meanwhile is running, and stays."""
    removed = []
    for candidate in volume_imports_unfinished(older_than=older_than):
        with transaction.atomic():
            volume_import = (
                VolumeImport.objects.select_for_update()
                .filter(pk=candidate.pk, status__in=UNFINISHED)
                .first()
            )
            if volume_import is not None:
                _remove(volume_import)
                removed.append(candidate)
    return removed


# The check and the import.


@dataclass
class Outcome:
    errors: list = field(default_factory=list)
    error_count: int = 0
    rows_read: int = 0
    rows_added: int = 0
    rows_skipped: int = 0
    month_totals: dict = field(default_factory=dict)
    layout: dict | None = None


def _no_progress(fraction):
    pass


def volume_import_check(*, volume_import_id, progress=_no_progress) -> VolumeImport:
    """The preview: every fault of the file, or what the import would add per month.

    PENDING or CHECKING (a check that stopped half-way, and is run again) -> READY or REJECTED.
    `progress(fraction)` is told how far it has come.
    """
    volume_import = _claim(volume_import_id, {Status.PENDING, Status.CHECKING}, Status.CHECKING)
    if volume_import is not None:
        outcome = _read(volume_import, _check, progress)
        _record(volume_import, outcome, Status.REJECTED if outcome.error_count else Status.READY)
        if outcome.error_count:
            _drop_files(volume_import)
        volume_import.save()
    return VolumeImport.objects.get(pk=volume_import_id)


def volume_import_run(*, volume_import_id, progress=_no_progress) -> VolumeImport:
    """Carry out a confirmed import: RUNNING -> DONE (or REJECTED if the register changed).

    The rows and DONE commit together, so a run that stops half-way leaves the import RUNNING
    with nothing written, and a run started again finds it DONE and does nothing.
    """
    volume_import = _claim(volume_import_id, {Status.RUNNING}, Status.RUNNING)
    if volume_import is not None:
        outcome = _read(volume_import, _run, progress)
        Spool(volume_import).delete()
        if outcome.error_count:
            # Something changed since the check: an agreement or a price item was removed.
            _record(volume_import, outcome, Status.REJECTED)
            _drop_files(volume_import)
            volume_import.save()
    return VolumeImport.objects.get(pk=volume_import_id)


def _drop_files(volume_import):
    """A refused file is not kept: its errors and its SHA-256 are what the record keeps."""
    Spool(volume_import).delete()
    if volume_import.file:
        volume_import.file.delete(save=False)


def _claim(volume_import_id, expected, new_status):
    with transaction.atomic():
        volume_import = VolumeImport.objects.select_for_update().get(pk=volume_import_id)
        if volume_import.status not in expected:
            return None
        volume_import.status = new_status
        volume_import.save(update_fields=["status"])
    return volume_import


def _read(volume_import, step, progress):
    try:
        with open_table(volume_import.file.path, files.SCHEMA) as table:
            return step(volume_import, table, progress)
    except FileProblem as problem:
        errors = [{"row": None, "column": "", "message": problem.message}]
        errors += [error._asdict() for error in problem.errors]
        return Outcome(errors=errors, error_count=len(errors))


def _record(volume_import, outcome, status):
    volume_import.status = status
    volume_import.errors = outcome.errors
    volume_import.error_count = outcome.error_count
    volume_import.rows_read = outcome.rows_read
    volume_import.rows_added = outcome.rows_added
    volume_import.rows_skipped = outcome.rows_skipped
    volume_import.month_totals = outcome.month_totals
    if outcome.layout is not None:
        volume_import.layout = outcome.layout


def _outcome(errors, reader):
    return Outcome(
        errors=rows.as_records(errors),
        error_count=errors.count,
        rows_read=reader.rows_read if reader else 0,
        month_totals=reader.month_totals() if reader else {},
    )


def _check(volume_import, table, progress):
    """Every fault of the file, or the preview: rows per month, and how many are new."""
    shape = str(table.header.shape.key)
    reader = rows.READERS[shape](table, progress=progress, share=0.9)
    errors = reader.errors
    spool = Spool(volume_import)
    with transaction.atomic():
        if shape == Shape.COUNTS:
            stage = sql.Stage(Shape.COUNTS)
            stage.fill(reader.rows())
            stage.check(errors)
            new = stage.new_counts_by_month()
        else:
            spool.fill(reader.rows(copy_lines_for=volume_import.pk))
            if reader.suspects is None or reader.suspects:
                _find_duplicates(volume_import, reader.suspects, errors)
            rows_by_month = {key: month["rows"] for key, month in reader.month_totals().items()}
            new = (
                rows_by_month
                if errors.count
                else spool.new_by_month(reader.id_range, rows_by_month)
            )
        transaction.set_rollback(True)
    outcome = _outcome(errors, reader)
    outcome.layout = layout(table, totals=True)
    if errors.count:
        spool.delete()
        return outcome
    for key, month in outcome.month_totals.items():
        month["new"] = new.get(key, 0)
    outcome.rows_skipped = outcome.rows_read - sum(new.values())
    if shape == Shape.DOCUMENTS:
        spool.save_keys(reader.keys)
    return outcome


def _find_duplicates(volume_import, suspects, errors):
    """Some verification may be in the file twice: read the file into a staging table to
    find the rows (a second reading, which only a faulty file, or a rare coincidence of
    hashes, costs)."""
    with open_table(volume_import.file.path, files.SCHEMA) as table:
        reader = rows.DocumentReader(table, progress=lambda fraction: None, share=0)
        stage = sql.Stage(Shape.DOCUMENTS)
        stage.fill(reader.rows())
        stage.check(errors, suspects)


def _run(volume_import, table, progress):
    shape = str(table.header.shape.key)
    spool = Spool(volume_import)
    with transaction.atomic():
        closing.lock()
        keys = spool.keys()
        if keys is not None and rows.keys_hold(keys):
            # Checked at the preview, and every customer and price item still resolves the
            # same: the spooled rows go in without reading the file again.
            added = _write_spooled(volume_import, spool, progress)
            outcome = Outcome(
                rows_read=volume_import.rows_read,
                month_totals={
                    key: {"rows": month["rows"], "quantity": month["quantity"]}
                    for key, month in volume_import.month_totals.items()
                },
            )
        else:
            # Something changed since the preview: read and check the file again, so that
            # every fault is reported with its row.
            reader = rows.READERS[shape](table, progress=progress, share=0.85)
            errors = reader.errors
            write = sql.write_documents if shape == Shape.DOCUMENTS else sql.write_counts
            added = write(volume_import, reader.rows())
            outcome = _outcome(errors, reader)
            if errors.count:
                transaction.set_rollback(True)
                return outcome
        progress(0.9)
        for key, month in outcome.month_totals.items():
            month["added"] = added.get(key, 0)
        outcome.rows_added = sum(added.values())
        outcome.rows_skipped = outcome.rows_read - outcome.rows_added
        monthly.monthly_volumes_refresh(months=[Month.parse(key) for key in outcome.month_totals])
        # The import is recorded done in the transaction that writes its rows: if that is
        # interrupted, neither happened and the task can run again.
        volume_import.finished_at = timezone.now()
        _record(volume_import, outcome, Status.DONE)
        volume_import.save()
    return outcome


def _write_spooled(volume_import, spool, progress):
    """Rows added per month. The preview found nothing imported before: copy every row in
    one stream; should a document have been imported since after all, the unique constraint
    fails the copy, and the rows are written the careful way, skipping what is there."""
    if volume_import.rows_skipped == 0:
        try:
            with transaction.atomic():
                spool.copy(progress)
        except IntegrityError:
            logger.info("volume import %s: documents imported since the preview", volume_import.pk)
        else:
            return {key: month["rows"] for key, month in volume_import.month_totals.items()}
    return sql.write_documents(volume_import, spool.rows())


# Undo.


def volume_import_undo(*, volume_import_id, user) -> VolumeImport:
    """Remove a completed import's volumes; PermissionDenied unless the user may undo it."""
    with transaction.atomic():
        volume_import = VolumeImport.objects.select_for_update().get(pk=volume_import_id)
        if volume_import.status != Status.DONE:
            raise ValidationError(_("Only a completed import can be undone."))
        if not selectors.volume_import_may_undo(user=user, volume_import=volume_import):
            access_log.warning(
                "undo refused: user=%s volume_import=%s", user.username, volume_import.pk
            )
            raise PermissionDenied
        # Locked before the billed check: a billing run holds the same lock while it issues.
        closing.lock()
        months = import_months(volume_import)
        billed = closing.billed_months(months)
        if billed:
            raise ValidationError(
                _("The import cannot be undone: %(months)s is already billed.")
                % {"months": ", ".join(month.label for month in billed)}
            )
        volume_import.documents.all().delete()
        volume_import.counts.all().delete()
        monthly.monthly_volumes_refresh(months=months)
        volume_import.status = Status.UNDONE
        volume_import.undone_by = user
        volume_import.undone_at = timezone.now()
        volume_import.save()
    audit_log.info(
        "volume import undone: import=%s file=%s by=%s months=%s",
        volume_import.pk,
        volume_import.file_name,
        user.username,
        ",".join(str(month) for month in months),
    )
    return volume_import


def import_months(volume_import):
    return sorted(Month.parse(key) for key in volume_import.month_totals)
