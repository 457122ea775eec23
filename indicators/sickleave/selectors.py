"""Sick leave per unit and month, and the organisation's figure weighted by FTE."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from ekonomi.periods import Month, Year
from indicators.definitions import rounded
from indicators.figures import Figure
from indicators.sickleave.models import SickLeave

NOT_REPORTED = _("No sick leave reported for the period.")
PLACES = Decimal("0.1")


def sick_leave_load(*, months) -> dict:
    """{(unit id, Month): percent}, in one query."""
    months = list(months)
    if not months:
        return {}
    rows = SickLeave.objects.filter(
        month__gte=min(months).start, month__lt=max(months).end
    ).values_list("unit_id", "month", "percent")
    return {(unit_id, Month.from_date(month)): value for unit_id, month, value in rows}


def sick_leave_figure(sick_leave, staffing, *, months, unit_id=None) -> Figure:
    """The mean of the reported unit-months, each weighted by the unit's employment FTE that
    month; unweighted when the staffing register has nobody for them."""
    months = set(months)
    reported = [
        (value, staffing.contracted.get(key, Decimal(0)))
        for key, value in sick_leave.items()
        if key[1] in months and (unit_id is None or key[0] == unit_id)
    ]
    if not reported:
        return Figure.missing(NOT_REPORTED)
    weight = sum(w for _value, w in reported)
    if weight > 0:
        return Figure(rounded(sum(v * w for v, w in reported) / weight, PLACES))
    return Figure(rounded(sum(v for v, _w in reported) / len(reported), PLACES))


def sick_leave_year(*, year, units, staffing):
    """[(unit, [percent or None per month], year Figure)] and the centre's [Figure per month]."""
    months = Year(year).months()
    values = sick_leave_load(months=months)
    rows = [
        (
            unit,
            [values.get((unit.pk, month)) for month in months],
            sick_leave_figure(values, staffing, months=months, unit_id=unit.pk),
        )
        for unit in units
    ]
    total = [sick_leave_figure(values, staffing, months=[month]) for month in months]
    return rows, total, sick_leave_figure(values, staffing, months=months)
