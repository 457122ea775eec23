"""The pages below the dashboard: a unit by month, a process by unit and customer, a customer."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from customers.models import Customer
from ekonomi.periods import Month, Year
from indicators.dashboard.selectors import Facts, trend_window
from indicators.definitions import Indicator, rounded
from indicators.figures import Figure
from indicators.forecast.selectors import FTE_PLACES, by_month, forecast
from indicators.phone.selectors import calls_total
from indicators.productivity.selectors import (
    INDICATOR_OF_CODE,
    handled_by_customer,
    latest_volume_month,
    productivity,
)
from indicators.sickleave.selectors import sick_leave_figure
from indicators.staffing.selectors import units
from invoicing.volumes.models import MonthlyVolume

AR, AP = Indicator.AR_PRODUCTIVITY, Indicator.AP_PRODUCTIVITY


def period_choices(period) -> list[tuple[str, str]]:
    """The periods of the chosen year and the year before, years first: a fixed list that needs
    no query."""
    choices = []
    for year in (Year(period.year), Year(period.year - 1)):
        choices.append((str(year), year.label))
        choices += [(str(t), t.label) for t in year.tertials()]
        choices += [(str(m), m.label) for m in year.months()]
    if str(period) not in dict(choices):
        choices.insert(0, (str(period), period.label))
    return choices


@dataclass(frozen=True)
class UnitMonth:
    month: Month
    customer_invoices: int
    supplier_invoices: int
    fte_ar: Decimal
    fte_ap: Decimal
    fte_total: Decimal
    ar: Figure
    ap: Figure
    answer_rate: Figure
    sick_leave: Figure
    needed: Decimal | None
    gap: Decimal | None
    forecast: bool  # the month is still to come: needed is the forecast's


def unit_months(*, unit, year) -> list[UnitMonth]:
    """A unit's month by month: what the unit manager shows at the monthly unit meeting."""
    months = Year(year).months()
    facts = Facts.load(months)
    latest = latest_volume_month()
    coming = {
        t.month: t for t in by_month(forecast(start=latest.next(), units=[unit]), unit_id=unit.pk)
    }
    rows = []
    for month in months:
        ar = productivity(
            handled=facts.handled,
            staffing=facts.staffing,
            indicator=AR,
            months=[month],
            unit_id=unit.pk,
        )
        ap = productivity(
            handled=facts.handled,
            staffing=facts.staffing,
            indicator=AP,
            months=[month],
            unit_id=unit.pk,
        )
        available = rounded(ar.fte_months + ap.fte_months, FTE_PLACES)
        if month in coming:
            needed = coming[month].needed
        else:
            needs = [_needed(facts, ar, AR, year), _needed(facts, ap, AP, year)]
            needed = None if None in needs else sum(needs)
        rows.append(
            UnitMonth(
                month=month,
                customer_invoices=ar.handled,
                supplier_invoices=ap.handled,
                fte_ar=ar.fte_months,
                fte_ap=ap.fte_months,
                fte_total=facts.staffing.total(months=[month], unit_id=unit.pk),
                ar=ar.figure,
                ap=ap.figure,
                answer_rate=calls_total(facts.calls, months=[month], unit_id=unit.pk).figure(),
                sick_leave=sick_leave_figure(
                    facts.sick_leave, facts.staffing, months=[month], unit_id=unit.pk
                ),
                needed=needed,
                gap=None if needed is None else available - needed,
                forecast=month in coming,
            )
        )
    return rows


def _needed(facts, result, indicator, year):
    target = facts.targets.get((indicator, year))
    if target is None or not target.value:
        return None
    return rounded(Decimal(result.handled) / target.value, FTE_PLACES)


def unit_month_table(months):
    headers = [
        _("Month"),
        _("Customer invoices"),
        _("Supplier invoices"),
        _("FTE accounts receivable"),
        _("FTE accounts payable"),
        _("FTE all processes"),
        Indicator.AR_PRODUCTIVITY.label,
        Indicator.AP_PRODUCTIVITY.label,
        _("Answer rate (%)"),
        _("Sick leave (%)"),
        _("FTE needed"),
        _("Gap (FTE)"),
    ]
    rows = [
        [
            str(m.month),
            m.customer_invoices,
            m.supplier_invoices,
            rounded(m.fte_ar, FTE_PLACES),
            rounded(m.fte_ap, FTE_PLACES),
            rounded(m.fte_total, FTE_PLACES),
            m.ar.value,
            m.ap.value,
            m.answer_rate.value,
            m.sick_leave.value,
            m.needed,
            m.gap,
        ]
        for m in months
    ]
    return headers, rows


@dataclass(frozen=True)
class ProcessFigures:
    units: list  # [(unit, Productivity)]
    total: object  # Productivity
    customers: list  # [(customer, handled, share %)]


def process_figures(*, indicator, period, unit_id=None) -> ProcessFigures:
    months = period.months()
    facts = Facts.load(months)
    rows = [
        (
            unit,
            productivity(
                handled=facts.handled,
                staffing=facts.staffing,
                indicator=indicator,
                months=months,
                unit_id=unit.pk,
            ),
        )
        for unit in units()
        if unit_id is None or unit.pk == unit_id
    ]
    total = productivity(
        handled=facts.handled,
        staffing=facts.staffing,
        indicator=indicator,
        months=months,
        unit_id=unit_id,
    )
    handled = {}
    for (customer_id, _month), n in handled_by_customer(
        months=months, indicator=indicator, unit_id=unit_id
    ).items():
        handled[customer_id] = handled.get(customer_id, 0) + n
    customers = Customer.objects.filter(pk__in=handled).order_by("code")
    whole = sum(handled.values())
    return ProcessFigures(
        rows,
        total,
        [
            (c, handled[c.pk], rounded(Decimal(handled[c.pk]) * 100 / whole, Decimal("0.1")))
            for c in customers
        ],
    )


def customer_table(figures):
    headers = [_("Customer"), _("Handled invoices"), _("Share (%)")]
    return headers, [[c.code, n, share] for c, n, share in figures.customers]


def customer_months(*, customer, period) -> list[list]:
    """[month, customer invoices, supplier invoices] for the 12 months up to the period's end."""
    months = trend_window(period)
    rows = (
        MonthlyVolume.objects.filter(
            customer=customer,
            month__gte=months[0].start,
            month__lt=months[-1].end,
            price_item__code__in=list(INDICATOR_OF_CODE),
        )
        .values_list("month", "price_item__code")
        .annotate(n=Sum("quantity"))
        .order_by()
    )
    counts = {}
    for month, code, n in rows:
        key = (Month.from_date(month), INDICATOR_OF_CODE[code])
        counts[key] = counts.get(key, 0) + n
    return [[str(m), counts.get((m, AR), 0), counts.get((m, AP), 0)] for m in months]
