"""Chapters that the monthly and the tertial report share, built from the other apps'
selectors: the dashboard's indicators, volumes and FTE per process, economy, phone, sick
leave. Each chapter says what is missing instead of failing."""

from decimal import Decimal

from django.utils.translation import gettext as _

from complaints.compilation.sections import Section
from customers.models import Customer
from indicators.dashboard.selectors import Facts, dashboard, trend_window, year_to_date
from indicators.definitions import DEFINITIONS, PRODUCTIVITY, rounded
from indicators.phone.selectors import calls_total
from indicators.sickleave.selectors import sick_leave_figure
from indicators.staffing.selectors import processes, units
from invoicing.budget.selectors import budget_followup, sum_rows
from invoicing.statistics.selectors import COLUMNS, statistics_by_month, statistics_total
from reports import selectors
from reports.document import Chapter, Table


def shown(value, indicator):
    """A figure as the dashboard shows it: with the indicator's own number of decimals."""
    return None if value is None else rounded(value, DEFINITIONS[indicator].places)


def indicators_chapter(period, facts) -> Chapter:
    """The dashboard's figures: the period, and from 1 January where that differs."""
    rows = dashboard(period=period, facts=facts)
    ytd = year_to_date(period)
    chapter = Chapter("indicators", _("Indicators against target"))
    headers = [_("Indicator"), period.label.capitalize()]
    if ytd:
        headers.append(_("From 1 January (%(period)s)") % {"period": ytd.label})
    headers += [_("Target"), _("Deviation"), _("Status")]
    table_rows = []
    for row in rows:
        label = f"{row.indicator.label} ({row.definition.unit})"
        figure = row.period.figure
        if figure.value is None and figure.reason:
            chapter.missing.append(f"{row.indicator.label}: {figure.reason}")
        # Deviation and status follow the year to date where the report shows one.
        evaluation = row.year_to_date if ytd and row.year_to_date else row.period
        cells = [label, shown(figure.value, row.indicator)]
        if ytd:
            ytd_value = row.year_to_date.figure.value if row.year_to_date else None
            cells.append(shown(ytd_value, row.indicator))
        cells += [
            shown(evaluation.target, row.indicator),
            shown(evaluation.deviation, row.indicator),
            str(evaluation.status.label),
        ]
        table_rows.append(cells)
    notes = []
    if ytd:
        notes.append(
            _(
                "Deviation and status are against the year to date where it is shown, "
                "else against the period."
            )
        )
    chapter.blocks.append(Table(_("Indicators"), headers, table_rows, notes=notes))
    return chapter


def production_chapter(period, facts, *, months_sets) -> Chapter:
    """Volumes and FTE per process, and productivity against target, for each month set."""
    chapter = Chapter("production", _("Volumes, FTE and productivity per process"))
    all_processes = processes()
    counting = {c.process: indicator for indicator, c in PRODUCTIVITY.items()}
    for label, months in months_sets:
        volumes = selectors.volumes_by_process(months=months)
        rows = []
        for process in all_processes:
            handled = sum(n for (_c, code), n in volumes.items() if code == process.code)
            fte_months = facts.staffing.total(months=months, process=process.code)
            fte = rounded(fte_months / len(months), Decimal("0.1"))
            productivity = target = None
            indicator = counting.get(process.code)
            if indicator:
                evaluation = facts.evaluate(indicator, months)
                productivity = shown(evaluation.figure.value, indicator)
                target = shown(evaluation.target, indicator)
            rows.append([f"{process.code} {process.name}", handled, fte, productivity, target])
        if not any(row[1] for row in rows):
            chapter.missing.append(
                _("No volumes are registered for %(period)s.") % {"period": label}
            )
        if not any(row[2] for row in rows):
            chapter.missing.append(_("No FTE are registered for %(period)s.") % {"period": label})
        chapter.blocks.append(
            Table(
                _("Per process, %(period)s") % {"period": label},
                [
                    _("Process"),
                    _("Volumes"),
                    _("FTE (average)"),
                    _("Invoices per FTE-month"),
                    _("Target"),
                ],
                rows,
                total=[
                    _("Total"),
                    sum(row[1] for row in rows),
                    sum((row[2] for row in rows), Decimal("0.0")),
                    None,
                    None,
                ],
            )
        )
    return chapter


def customer_volumes_table(title, *, months, customers) -> Table:
    """The plan's monthly follow-up per customer (invoicing's statistics), over the months."""
    years = {m.year for m in months}
    numbers = {m.month for m in months}
    rows, totals = [], []
    for year in sorted(years):
        by_month = statistics_by_month(customers=[c.pk for c in customers], year=year)
        for customer in customers:
            row = statistics_total(
                r for number, r in by_month.get(customer.pk, {}).items() if number in numbers
            )
            totals.append(row)
            rows.append([f"{customer.code} {customer.name}", *row.values()])
    total = statistics_total(totals)
    return Table(
        title,
        [_("Customer"), *[str(label) for _name, label in COLUMNS]],
        rows,
        total=[_("Total"), *total.values()],
    )


def volumes_per_customer_chapter(months, label) -> Chapter:
    chapter = Chapter("customers", _("Volumes per customer and process"))
    customers = list(Customer.objects.order_by("code"))
    all_processes = processes()
    volumes = selectors.volumes_by_process(months=months)
    if not volumes:
        chapter.missing.append(_("No volumes are registered for %(period)s.") % {"period": label})
    rows = [
        [f"{c.code} {c.name}", *[volumes.get((c.pk, p.code), 0) for p in all_processes]]
        for c in customers
        if any((c.pk, p.code) in volumes for p in all_processes)
    ]
    chapter.blocks.append(
        Table(
            _("Volumes per customer and process, %(period)s") % {"period": label},
            [_("Customer"), *[p.code for p in all_processes]],
            rows,
            total=[
                _("Total"),
                *[sum(row[i + 1] for row in rows) for i in range(len(all_processes))],
            ],
            empty=_("No volumes."),
        )
    )
    chapter.blocks.append(
        customer_volumes_table(
            _("Follow-up per customer, %(period)s") % {"period": label},
            months=months,
            customers=customers,
        )
    )
    return chapter


def economy_chapter(months_sets, year) -> Chapter:
    """Revenue against budget (invoicing's budget follow-up) over each month set."""
    chapter = Chapter("economy", _("Revenue against budget"))
    followup = budget_followup(year=year)
    if not followup.has_budget:
        chapter.missing.append(_("No budget is entered for %(year)s.") % {"year": year})
    by_month = {row.month: row for row in followup.rows}
    rows = []
    for label, months in months_sets:
        selected = [by_month[m] for m in months]
        total = sum_rows(selected)
        open_months = [m for m, r in zip(months, selected, strict=True) if r.revenue is None]
        if open_months:
            chapter.missing.append(
                _("%(period)s: %(months)s not yet billed, so revenue is not complete.")
                % {"period": label, "months": ", ".join(m.label for m in open_months)}
            )
        rows.append([label, total.budget_revenue, total.revenue, total.revenue_deviation])
    chapter.blocks.append(
        Table(
            _("Revenue (kr)"),
            [_("Period"), _("Budget"), _("Outcome"), _("Deviation")],
            rows,
        )
    )
    return chapter


def units_chapter(facts, months_sets) -> Chapter:
    """Phone answer rate and sick leave per unit (the indicators' selectors)."""
    chapter = Chapter("units", _("Phone and sick leave per unit"))
    all_units = units()
    for label, months in months_sets:
        rows = []
        for unit in [*all_units, None]:
            calls = calls_total(facts.calls, months=months, unit_id=unit.pk if unit else None)
            sick = sick_leave_figure(
                facts.sick_leave, facts.staffing, months=months, unit_id=unit.pk if unit else None
            )
            rows.append(
                [
                    unit.name if unit else _("Whole centre"),
                    calls.offered,
                    calls.answered,
                    calls.answer_rate,
                    sick.value,
                ]
            )
        total = rows.pop()
        if not total[1]:
            chapter.missing.append(_("No phone statistics for %(period)s.") % {"period": label})
        if total[4] is None:
            chapter.missing.append(_("No sick leave reported for %(period)s.") % {"period": label})
        chapter.blocks.append(
            Table(
                _("Per unit, %(period)s") % {"period": label},
                [
                    _("Unit"),
                    _("Calls offered"),
                    _("Calls answered"),
                    _("Answer rate (%)"),
                    _("Sick leave (%)"),
                ],
                rows,
                total=total,
            )
        )
    return chapter


def section_table(section: Section) -> Table:
    """A complaints compilation section as a report table."""
    return Table(
        section.title,
        [str(h) for h in section.headers],
        section.rows,
        total=section.total,
        empty=section.empty,
        notes=list(section.notes),
    )


def load_facts(period):
    # The dashboard's trend window (12 months back) covers the period and 1 January on too.
    return Facts.load(trend_window(period))
