from dataclasses import dataclass

from django.db.models import Q
from django.shortcuts import get_object_or_404

from ekonomi import access
from ekonomi.jobs.models import Job
from ekonomi.periods import Month
from invoicing import closing
from invoicing.volumes.models import MonthlyVolume, VolumeDocument, VolumeImport


def volume_imports():
    return VolumeImport.objects.select_related("created_by", "undone_by")


def volume_import_get(*, pk) -> VolumeImport:
    return get_object_or_404(volume_imports(), pk=pk)


# The job kinds that work on a volume import (invoicing/volumes/tasks.py).
IMPORT_JOB_KINDS = ("invoicing.volume_import_check", "invoicing.volume_import_run")


def volume_import_job(*, volume_import) -> Job | None:
    """The latest background job that checked or imported this file, if any."""
    return (
        Job.objects.filter(kind__in=IMPORT_JOB_KINDS, params__volume_import_id=volume_import.pk)
        .select_related("created_by")
        .order_by("-pk")
        .first()
    )


def volume_import_earlier(*, volume_import) -> list[VolumeImport]:
    """Carried-out imports of the very same file, for the preview's warning."""
    if not volume_import.sha256:
        return []
    return list(
        volume_imports()
        .filter(sha256=volume_import.sha256, status=VolumeImport.Status.DONE)
        .exclude(pk=volume_import.pk)
        .order_by("finished_at")
    )


@dataclass
class MonthRow:
    month: Month
    rows: int
    quantity: int
    new: int | None
    added: int | None
    billed: bool


def volume_import_months(*, volume_import) -> list[MonthRow]:
    months = [Month.parse(key) for key in sorted(volume_import.month_totals)]
    billed = set(closing.billed_months(months))
    return [
        MonthRow(
            month=month,
            rows=totals.get("rows", 0),
            quantity=totals.get("quantity", 0),
            new=totals.get("new"),
            added=totals.get("added"),
            billed=month in billed,
        )
        for month, totals in ((month, volume_import.month_totals[str(month)]) for month in months)
    ]


def monthly_volumes(*, user):
    return access.scope(
        MonthlyVolume.objects.select_related("customer", "price_item__price_list"), user
    )


def volume_documents(*, user):
    return access.scope(
        VolumeDocument.objects.select_related("customer", "price_item", "volume_import"), user
    )


def volume_import_may_undo(*, user, volume_import) -> bool:
    """Who may undo an import: the person who made it, a unit manager or an administrator;
    someone bound to a unit only when every customer in the import is one their unit serves
    (is customer manager for)."""
    if not access.can(user, access.VOLUME_WRITE):
        return False
    if user.role == access.Role.ADMIN:
        return True
    if user.role != access.Role.UNIT_MANAGER and volume_import.created_by_id != user.pk:
        return False
    foreign = ~Q(customer__manager_unit_id=user.unit_id)
    return not (
        volume_import.documents.filter(foreign).exists()
        or volume_import.counts.filter(foreign).exists()
    )
