"""The monthly report: volumes per process and customer, FTE per process, productivity against
target, revenue against budget, the phone answer rate, complaints and returned documents, and
sick leave, for one month."""

from django.utils.translation import gettext as _

from complaints.compilation.selectors import unit_month
from indicators.staffing.selectors import units
from reports.assembly import common
from reports.document import Chapter, Table


def complaints_chapter(month, *, today) -> Chapter:
    chapter = Chapter("complaints", _("Complaints and returned documents"))
    rows = []
    for unit in units():
        c = unit_month(unit=unit, month=month, today=today)
        rows.append(
            [
                unit.name,
                c.total.total,
                c.total.own_errors,
                c.open_count,
                len(c.overdue),
                sum(n for _reason, n in c.returned_by_reason),
            ]
        )
    chapter.blocks.append(
        Table(
            _("Per unit, %(period)s") % {"period": month.label},
            [
                _("Unit"),
                _("Complaints and feedback arrived"),
                _("Of which our own errors"),
                _("Open at month end"),
                _("Answer overdue"),
                _("Returned documents"),
            ],
            rows,
            total=[_("Total"), *[sum(row[i] for row in rows) for i in range(1, 6)]],
        )
    )
    return chapter


def chapters(month, *, today, facts):
    months = [(month.label, month.months())]
    return [
        common.indicators_chapter(month, facts),
        common.production_chapter(month, facts, months_sets=months),
        common.volumes_per_customer_chapter(month.months(), month.label),
        common.economy_chapter(
            [*months, (_("Year to date"), month.year_period.months()[: month.month])], month.year
        ),
        common.units_chapter(facts, months),
        complaints_chapter(month, today=today),
    ]
