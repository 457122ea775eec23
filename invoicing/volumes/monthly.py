"""The monthly volumes that every screen and billing reads, derived from documents and counts."""

from django.db import transaction
from django.db.models import Count

from invoicing import closing
from invoicing.volumes.models import MonthlyVolume, VolumeCount, VolumeDocument, VolumeImport


def monthly_volumes_refresh(*, months) -> None:
    """Recompute the monthly volumes of these months from documents and counts.

    For every customer and price item: the documents of the month, plus the latest count from
    a file and the latest manual count (a later count replaces an earlier one from the same
    source; undoing it brings the earlier one back).
    """
    starts = sorted({month.start for month in months})
    if not starts:
        return
    with transaction.atomic():
        _refresh(starts)


def _refresh(starts):
    closing.lock()
    documents = (
        VolumeDocument.objects.filter(month__in=starts)
        .values_list("customer_id", "price_item_id", "month")
        .annotate(n=Count("*"))
        .order_by()
    )
    totals = {}
    for customer_id, item_id, month, n in documents:
        totals[(customer_id, item_id, month)] = {"documents": n, "counted": 0, "manual": 0}
    counts = (
        VolumeCount.objects.filter(month__in=starts)
        .values_list("customer_id", "price_item_id", "month", "volume_import__source", "quantity")
        .order_by("pk")
    )
    source_field = {VolumeImport.Source.FILE: "counted", VolumeImport.Source.MANUAL: "manual"}
    for customer_id, item_id, month, source, quantity in counts:
        key = (customer_id, item_id, month)
        row = totals.setdefault(key, {"documents": 0, "counted": 0, "manual": 0})
        # Ordered by id, so the latest count of each source is the one left standing.
        row[source_field[source]] = quantity
    existing = {
        (v.customer_id, v.price_item_id, v.month): v
        for v in MonthlyVolume.objects.filter(month__in=starts)
    }
    changed, created = [], []
    for key, row in totals.items():
        quantity = row["documents"] + row["counted"] + row["manual"]
        volume = existing.pop(key, None)
        if volume is None:
            created.append(
                MonthlyVolume(
                    customer_id=key[0], price_item_id=key[1], month=key[2], quantity=quantity, **row
                )
            )
        elif (volume.documents, volume.counted, volume.manual) != (
            row["documents"],
            row["counted"],
            row["manual"],
        ):
            volume.documents = row["documents"]
            volume.counted = row["counted"]
            volume.manual = row["manual"]
            volume.quantity = quantity
            changed.append(volume)
    MonthlyVolume.objects.filter(pk__in=[v.pk for v in existing.values()]).delete()
    MonthlyVolume.objects.bulk_update(changed, ["documents", "counted", "manual", "quantity"])
    MonthlyVolume.objects.bulk_create(created)
