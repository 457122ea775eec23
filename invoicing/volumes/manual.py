"""Volumes that arrive on paper, typed into a grid of customers and price items for a month.

A saved grid is a manual-source import: it shows in the import log, its counts replace the
earlier manual counts of the same cells, and the import's undo brings the earlier ones back.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from customers.models import Customer
from ekonomi.periods import Month
from invoicing import closing
from invoicing.prices.models import PriceItem
from invoicing.volumes.files import is_blank, parse_quantity
from invoicing.volumes.models import MonthlyVolume, VolumeCount, VolumeImport
from invoicing.volumes.monthly import monthly_volumes_refresh

# Hours come from time reporting; the grid holds what is counted in invoices and cases.
GRID_UNITS = (PriceItem.Unit.INVOICE, PriceItem.Unit.CASE)


class ManualVolumesRejected(Exception):
    def __init__(self, errors):
        super().__init__(errors)
        # {(customer id, price item id): message}
        self.errors = errors


@dataclass
class Grid:
    month: Month
    customers: list
    items: list
    # {(customer id, price item id): manual quantity in force}
    manual: dict
    billed: bool


def manual_volume_grid(*, month: Month) -> Grid:
    # Any agreement for the year counts, a draft too, as it does for an imported file.
    customers = list(
        Customer.objects.filter(agreements__year=month.year).distinct().order_by("code")
    )
    items = list(
        PriceItem.objects.filter(price_list__year=month.year, unit__in=GRID_UNITS).order_by("code")
    )
    manual = {
        (customer_id, item_id): quantity
        for customer_id, item_id, quantity in MonthlyVolume.objects.filter(
            month=month.start
        ).values_list("customer_id", "price_item_id", "manual")
    }
    billed = closing.is_billed(month)
    return Grid(month=month, customers=customers, items=items, manual=manual, billed=billed)


def billed_message(month):
    return _("%(month)s is billed; its volumes can no longer be changed.") % {"month": month.label}


def manual_volumes_save(*, month: Month, values: dict, user) -> VolumeImport | None:
    """Record the typed cells {(customer id, price item id): text} that change the manual count.

    A blank cell means zero. All cells are checked before anything is written; one bad cell
    rejects the whole grid. Returns the import, or None when nothing changed.
    """
    with transaction.atomic():
        # Like every volume write: two saves of one month must not read each other's old counts.
        closing.lock()
        grid = manual_volume_grid(month=month)
        if grid.billed:
            raise ValidationError(billed_message(month))
        customers = {c.pk: c for c in grid.customers}
        items = {i.pk: i for i in grid.items}
        quantities, errors = {}, {}
        for (customer_id, item_id), raw in values.items():
            if customer_id not in customers or item_id not in items:
                raise ValidationError(_("The grid has changed; reload the page and try again."))
            try:
                quantities[(customer_id, item_id)] = 0 if is_blank(raw) else parse_quantity(raw)
            except ValueError as reason:
                errors[(customer_id, item_id)] = _("%(customer)s, %(item)s: %(reason)s") % {
                    "customer": customers[customer_id].code,
                    "item": items[item_id].code,
                    "reason": reason,
                }
        if errors:
            raise ManualVolumesRejected(errors)
        changed = {
            key: quantity
            for key, quantity in quantities.items()
            if quantity != grid.manual.get(key, 0)
        }
        if not changed:
            return None
        volume_import = VolumeImport.objects.create(
            source=VolumeImport.Source.MANUAL,
            shape=VolumeImport.Shape.COUNTS,
            status=VolumeImport.Status.DONE,
            rows_read=len(changed),
            rows_added=len(changed),
            month_totals={
                str(month): {
                    "rows": len(changed),
                    "quantity": sum(changed.values()),
                    "added": len(changed),
                }
            },
            created_by=user,
            finished_at=timezone.now(),
        )
        VolumeCount.objects.bulk_create(
            VolumeCount(
                volume_import=volume_import,
                customer_id=customer_id,
                price_item_id=item_id,
                month=month.start,
                quantity=quantity,
            )
            for (customer_id, item_id), quantity in changed.items()
        )
        monthly_volumes_refresh(months=[month])
    return volume_import
