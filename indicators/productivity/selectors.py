"""Productivity: handled invoices divided by the FTE-months worked in the process.

Volumes belong to customers, and a unit's volumes are those of the customers it is customer
manager for; the FTE are the unit's own people in the process (staffing.selectors).
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ekonomi.periods import Month
from indicators.definitions import DEFINITIONS, PRODUCTIVITY, rounded
from indicators.figures import Figure
from invoicing.volumes.models import MonthlyVolume

INDICATOR_OF_CODE = {
    code: ind for ind, counting in PRODUCTIVITY.items() for code in counting.price_items
}
NO_FTE = _("Invoices were handled, but no FTE are registered in the process for the period.")
NOTHING = _("No handled invoices and no FTE in the process for the period.")
# Staffed months before the first volume import would otherwise read as zero productivity.
NO_VOLUMES = _("No handled invoices are registered for the period.")


def latest_volume_month() -> Month:
    """The latest month with volumes: where the pages start when no period is asked for."""
    latest = MonthlyVolume.objects.aggregate(latest=Max("month"))["latest"]
    return Month.from_date(latest) if latest else Month.from_date(timezone.localdate())


def _window(months):
    return {"month__gte": min(months).start, "month__lt": max(months).end}


def handled_load(*, months) -> dict:
    """{(unit id, indicator, Month): handled invoices}, in one query."""
    months = list(months)
    if not months:
        return {}
    rows = (
        MonthlyVolume.objects.filter(
            price_item__code__in=list(INDICATOR_OF_CODE), **_window(months)
        )
        .values_list("customer__manager_unit_id", "price_item__code", "month")
        .annotate(n=Sum("quantity"))
        .order_by()
    )
    handled = defaultdict(int)
    for unit_id, code, month, n in rows:
        handled[(unit_id, INDICATOR_OF_CODE[code], Month.from_date(month))] += n
    return dict(handled)


def handled_by_customer(*, months, indicator, unit_id=None) -> dict:
    """{(customer id, Month): handled invoices} for one productivity indicator."""
    rows = MonthlyVolume.objects.filter(
        price_item__code__in=PRODUCTIVITY[indicator].price_items, **_window(months)
    )
    if unit_id is not None:
        rows = rows.filter(customer__manager_unit_id=unit_id)
    rows = rows.values_list("customer_id", "month").annotate(n=Sum("quantity")).order_by()
    return {(customer_id, Month.from_date(month)): n for customer_id, month, n in rows}


@dataclass(frozen=True)
class Productivity:
    handled: int
    fte_months: Decimal
    figure: Figure


def productivity(*, handled, staffing, indicator, months, unit_id=None) -> Productivity:
    months = set(months)
    count = sum(
        n
        for (unit, ind, month), n in handled.items()
        if ind == indicator and month in months and (unit_id is None or unit == unit_id)
    )
    fte_months = staffing.total(
        months=months, process=PRODUCTIVITY[indicator].process, unit_id=unit_id
    )
    if fte_months <= 0:
        return Productivity(count, fte_months, Figure.missing(NO_FTE if count else NOTHING))
    if not count:
        return Productivity(count, fte_months, Figure.missing(NO_VOLUMES))
    value = rounded(Decimal(count) / fte_months, DEFINITIONS[indicator].places)
    return Productivity(count, fte_months, Figure(value))
