"""A small year for the report tests: one accounts-receivable officer and a few months of
volumes and sick leave, so that every figure can be worked out by hand."""

from datetime import date
from decimal import Decimal

from ekonomi.periods import Month
from indicators.sickleave.models import SickLeave
from reports import services
from reports.models import Kind
from tests.indicators.helpers import employee, unit, volume

# RIKI's customer invoices via the feeder system: February (T1), then May and August (T2).
FEBRUARY, MAY, AUGUST = 1000, 2000, 3000
# Other customer's supplier invoices in June.
JUNE_SUPPLIER = 500
AFTER_T2 = date(2012, 12, 20)


def small_year():
    # One full-time officer in accounts receivable: 1.0 FTE every month.
    employee("E1", {"AR": 100})
    volume("RIKI", "KR-FS", "2012-02", FEBRUARY)
    volume("RIKI", "KR-FS", "2012-05", MAY)
    volume("RIKI", "KR-FS", "2012-08", AUGUST)
    volume("SPTE", "LR-EL", "2012-06", JUNE_SUPPLIER)
    for number, percent in ((5, "3.0"), (6, "5.0")):
        SickLeave.objects.create(
            unit=unit("E1"), month=Month(2012, number).start, percent=Decimal(percent)
        )


def produce(user, *, kind=Kind.TERTIAL, period="2012-T2", customer=None, mode=services.DRAFT):
    return services.report_produce(
        kind=kind,
        period=period,
        customer_id=customer.pk if customer else None,
        mode=mode,
        user=user,
        origin="user",
        today=AFTER_T2,
    )


def table(document, chapter, title_start):
    chapter = document.chapter(chapter)
    return next(t for t in chapter.tables() if t.title.startswith(title_start))
