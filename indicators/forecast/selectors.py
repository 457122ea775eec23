"""The staffing forecast: the volume coming, the FTE it needs, and the FTE there will be.

For each unit, productivity process (AR, AP) and coming month:
- forecast = the same month last year x the year's trend, or the plan a unit manager entered;
  the trend is the last 12 months' volume / the 12 months before them (1 when there is no
  earlier year to compare with);
- needed FTE = forecast / the productivity target (invoices per FTE-month) of that year;
- available FTE = the staffing register's FTE for the month, planned absence and summer temps
  (adjustments) included;
- gap = available - needed: negative is a shortage.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from ekonomi.periods import Month
from indicators.definitions import PRODUCTIVITY, rounded
from indicators.forecast.models import VolumePlan
from indicators.productivity.selectors import handled_load, latest_volume_month
from indicators.staffing.selectors import staffing_load
from indicators.targets.selectors import targets_load

HORIZON = 12
TOLERANCE = Decimal("0.5")  # FTE either way that still counts as in balance
FTE_PLACES = Decimal("0.01")
TREND_PLACES = Decimal("0.001")
PROCESS_INDICATOR = {counting.process: ind for ind, counting in PRODUCTIVITY.items()}


class Balance:
    SHORT = _("Shortage")
    SURPLUS = _("Surplus")
    EVEN = _("In balance")


def balance_of(gap):
    if gap is None:
        return None
    if gap < -TOLERANCE:
        return Balance.SHORT
    return Balance.SURPLUS if gap > TOLERANCE else Balance.EVEN


def months_from(start: Month, count: int) -> list[Month]:
    months = [start]
    while len(months) < count:
        months.append(months[-1].next())
    return months


def shifted(month: Month, months: int) -> Month:
    for _n in range(abs(months)):
        month = month.next() if months > 0 else month.previous()
    return month


@dataclass(frozen=True)
class Cell:
    unit_id: int
    process: str
    month: Month
    base: int  # the same month last year
    trend: Decimal
    planned: int | None
    target: Decimal | None
    available: Decimal

    @property
    def forecast(self) -> int:
        if self.planned is not None:
            return self.planned
        return int(rounded(self.base * self.trend, Decimal(1)))

    @property
    def needed(self) -> Decimal | None:
        if not self.target:
            return None
        return rounded(Decimal(self.forecast) / self.target, FTE_PLACES)

    @property
    def gap(self) -> Decimal | None:
        needed = self.needed
        return None if needed is None else rounded(self.available, FTE_PLACES) - needed

    @property
    def balance(self):
        return balance_of(self.gap)


def _sum(handled, unit_id, indicator, months):
    return sum(handled.get((unit_id, indicator, m), 0) for m in months)


def _target(targets, indicator, year):
    # A coming year often has no target yet; the latest earlier one stands in for it.
    years = [y for (ind, y) in targets if ind == indicator and y <= year]
    return targets[(indicator, max(years))].value if years else None


def forecast(*, start: Month, units, horizon=HORIZON) -> list[Cell]:
    """Cells for every unit, productivity process and month from `start`; seven queries."""
    months = months_from(start, horizon)
    last_year = [shifted(m, -12) for m in months_from(start, 12)]
    year_before = [shifted(m, -12) for m in last_year]
    handled = handled_load(months=year_before + last_year + [shifted(m, -12) for m in months])
    staffing = staffing_load(months=months)
    targets = targets_load()
    plans = {
        (p.unit_id, p.process.code, Month.from_date(p.month)): p.volume
        for p in VolumePlan.objects.filter(
            month__gte=months[0].start, month__lt=months[-1].end
        ).select_related("process")
    }
    cells = []
    for unit in units:
        for process, indicator in PROCESS_INDICATOR.items():
            recent = _sum(handled, unit.pk, indicator, last_year)
            earlier = _sum(handled, unit.pk, indicator, year_before)
            trend = rounded(Decimal(recent) / earlier, TREND_PLACES) if earlier else Decimal(1)
            for month in months:
                cells.append(
                    Cell(
                        unit_id=unit.pk,
                        process=process,
                        month=month,
                        base=handled.get((unit.pk, indicator, shifted(month, -12)), 0),
                        trend=trend,
                        planned=plans.get((unit.pk, process, month)),
                        target=_target(targets, indicator, month.year),
                        available=staffing.fte(unit.pk, process, month),
                    )
                )
    return cells


@dataclass(frozen=True)
class MonthTotal:
    month: Month
    forecast: dict  # {process: invoices}
    needed: Decimal | None
    available: Decimal

    @property
    def gap(self):
        return None if self.needed is None else rounded(self.available, FTE_PLACES) - self.needed

    @property
    def balance(self):
        return balance_of(self.gap)


def by_month(cells, *, unit_id=None) -> list[MonthTotal]:
    """The cells summed per month, for one unit or all of them; no need without every target."""
    months = sorted({cell.month for cell in cells})
    totals = []
    for month in months:
        chosen = [
            c for c in cells if c.month == month and (unit_id is None or c.unit_id == unit_id)
        ]
        forecast = {}
        for cell in chosen:
            forecast[cell.process] = forecast.get(cell.process, 0) + cell.forecast
        needs = [cell.needed for cell in chosen]
        totals.append(
            MonthTotal(
                month,
                forecast,
                None if None in needs else sum(needs, Decimal(0)),
                sum((cell.available for cell in chosen), Decimal(0)),
            )
        )
    return totals


def default_start() -> Month:
    return latest_volume_month().next()


def plans(*, start: Month):
    return VolumePlan.objects.filter(month__gte=start.start).select_related(
        "unit", "process", "entered_by"
    )
