"""FTE per unit, process and month, calculated from the staffing register and the adjustments.

An employee contributes employment rate x process share x the part of the month employed
(calendar days). A unit manager's adjustments for a month (absence, summer temps, peak
reinforcement) are added on top. Three queries, whatever the number of months.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db.models import Q
from django.shortcuts import get_object_or_404

from customers.models import Process, Unit
from ekonomi import access
from ekonomi.periods import Month, Year
from indicators.definitions import HUNDRED
from indicators.staffing.models import Employee, FteAdjustment, ProcessShare

ZERO = Decimal(0)


def _employed_fraction(start, end, month: Month) -> Decimal:
    """The part of the month's calendar days within [start, end]; `end` is inclusive or None."""
    first = max(start, month.start)
    stop = month.end if end is None else min(month.end, end + timedelta(days=1))
    days = (stop - first).days
    if days <= 0:
        return ZERO
    return Decimal(days) / Decimal((month.end - month.start).days)


def _overlapping(months, prefix=""):
    first, last = min(months), max(months)
    return Q(**{f"{prefix}start__lt": last.end}) & (
        Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gte": first.start})
    )


@dataclass
class Staffing:
    """FTE per (unit id, process code, Month): from employees, adjustments, and both."""

    employees: dict
    adjustments: dict
    # Employment FTE per (unit id, Month), whatever the processes: the weight of sick leave.
    contracted: dict

    def fte(self, unit_id, process, month) -> Decimal:
        key = (unit_id, process, month)
        return self.employees.get(key, ZERO) + self.adjustments.get(key, ZERO)

    def total(self, *, months, process=None, unit_id=None) -> Decimal:
        keys = set(self.employees) | set(self.adjustments)
        return sum(
            (
                self.fte(*key)
                for key in keys
                if key[2] in months
                and (process is None or key[1] == process)
                and (unit_id is None or key[0] == unit_id)
            ),
            ZERO,
        )


def _clipped(start, end, months):
    # Dates outside the window do not change any month's fraction; clipping them lets the many
    # people employed throughout the window share one key, so each fraction is computed once.
    first, last = min(months).start, max(months).end
    return max(start, first), None if end is None or end >= last else end


def staffing_load(*, months) -> Staffing:
    months = list(months)
    if not months:
        return Staffing({}, {}, {})
    by_process, by_unit = defaultdict(Decimal), defaultdict(Decimal)
    shares = ProcessShare.objects.filter(_overlapping(months, "employee__")).values_list(
        "employee__unit_id",
        "employee__employment_rate",
        "employee__start",
        "employee__end",
        "process__code",
        "share",
    )
    for unit_id, rate, start, end, process, share in shares:
        by_process[(unit_id, process, *_clipped(start, end, months))] += rate * share
    people = Employee.objects.filter(_overlapping(months)).values_list(
        "unit_id", "employment_rate", "start", "end"
    )
    for unit_id, rate, start, end in people:
        by_unit[(unit_id, *_clipped(start, end, months))] += rate
    employees, contracted = defaultdict(Decimal), defaultdict(Decimal)
    for month in months:
        for (unit_id, process, start, end), weight in by_process.items():
            fraction = _employed_fraction(start, end, month)
            if fraction:
                employees[(unit_id, process, month)] += weight / HUNDRED / HUNDRED * fraction
        for (unit_id, start, end), weight in by_unit.items():
            contracted[(unit_id, month)] += weight / HUNDRED * _employed_fraction(start, end, month)
    adjustments = defaultdict(Decimal)
    rows = FteAdjustment.objects.filter(month__in=[m.start for m in months]).values_list(
        "unit_id", "process__code", "month", "fte"
    )
    for unit_id, process, month, fte in rows:
        adjustments[(unit_id, process, Month.from_date(month))] += fte
    return Staffing(dict(employees), dict(adjustments), dict(contracted))


def employees(*, user):
    """The people the user may see: all for an administrator, a unit manager's own unit."""
    queryset = Employee.objects.select_related("unit").prefetch_related("shares__process")
    if user.role == access.Role.ADMIN:
        return queryset
    return queryset.filter(unit_id=user.unit_id)


def employee_get(*, user, pk):
    return get_object_or_404(employees(user=user), pk=pk)


def units():
    return list(Unit.objects.order_by("code"))


def processes():
    return list(Process.objects.order_by("sort_order", "code"))


def adjustments(*, year):
    return FteAdjustment.objects.filter(month__year=year).select_related(
        "unit", "process", "created_by"
    )


@dataclass(frozen=True)
class GridRow:
    unit: Unit
    process: Process
    months: list  # FTE per month, January first
    adjusted: list  # whether an adjustment changed the month

    @property
    def cells(self):
        return list(zip(self.months, self.adjusted, strict=True))

    @property
    def average(self):
        return sum(self.months, ZERO) / len(self.months)


def fte_grid(*, year, unit_id=None) -> list[GridRow]:
    """FTE per unit and process for every month of the year; rows without any FTE are left out."""
    months = Year(year).months()
    staffing = staffing_load(months=months)
    rows = []
    for unit in units():
        if unit_id is not None and unit.pk != unit_id:
            continue
        for process in processes():
            values = [staffing.fte(unit.pk, process.code, m) for m in months]
            adjusted = [(unit.pk, process.code, m) in staffing.adjustments for m in months]
            if any(values) or any(adjusted):
                rows.append(GridRow(unit, process, values, adjusted))
    return rows
