"""Which column of a volume file is which: the header the reader finds (a saved column
profile first), what the preview says about the file's layout, and the mapping a user makes
when the headings are not recognised, saved as a named profile for the next file."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ekonomi.tabular import ColumnsNotRecognised, FileProblem, Sample, open_table
from ekonomi.tabular.services import column_profile_save
from invoicing.volumes import files
from invoicing.volumes.models import VolumeImport

Status = VolumeImport.Status


def recognise(volume_import):
    """Find the file's header (a saved column profile first): PENDING with its shape, or
    MAPPING with the start of the file for the mapping form."""
    try:
        with open_table(volume_import.file.path, files.SCHEMA) as table:
            volume_import.shape = str(table.header.shape.key)
            volume_import.layout = layout(table)
            volume_import.status = Status.PENDING
    except ColumnsNotRecognised as problem:
        volume_import.shape = ""
        volume_import.status = Status.MAPPING
        sample = problem.sample
        volume_import.layout = {
            "message": problem.message,
            "problems": [error._asdict() for error in problem.errors],
            "sample": sample.as_data(),
        }


def layout(table, *, totals=False):
    header = table.header
    layout = {
        "header_row": header.row,
        "sheet": table.sheet,
        "scaled": header.scaled_columns(),
        "profile": header.profile,
        "skipped": [[row.row, row.text] for row in header.skipped],
        "ignored": [[column.letter, column.header, column.hint] for column in header.ignored],
    }
    if totals:
        layout["totals"] = [[row.row, row.text] for row in table.summary_rows]
    return layout


def volume_import_sample(*, volume_import) -> Sample | None:
    """The start of the file whose columns are to be mapped, as the mapping form takes it."""
    sample = volume_import.layout.get("sample")
    if volume_import.status != Status.MAPPING or not sample:
        return None
    return Sample.from_data(sample)


def volume_import_map(*, volume_import_id, user, name, mapping) -> VolumeImport:
    """Save how the file's columns map to the fields as a named column profile (later files
    with the same headings are read with it) and read the file's header again with it."""
    with transaction.atomic():
        volume_import = VolumeImport.objects.select_for_update().get(pk=volume_import_id)
        sample = volume_import_sample(volume_import=volume_import)
        if sample is None:
            raise ValidationError(_("The columns of this file are already known."))
        column_profile_save(
            actor=user, name=name, kind=files.SCHEMA.kind, headers=sample.headers, mapping=mapping
        )
        try:
            recognise(volume_import)
        except FileProblem as problem:
            raise ValidationError(problem.message) from problem
        volume_import.save()
    return volume_import
