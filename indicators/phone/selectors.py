"""Phone statistics per unit and month: imported days or hours, or a month entered by hand."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Max, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from ekonomi.periods import Month
from indicators.definitions import percent, rounded
from indicators.figures import Figure
from indicators.phone.models import PhoneImport, PhoneMonth, PhoneTraffic, TestCall

NO_CALLS = _("No calls recorded for the period.")
BUSIEST = 3


@dataclass(frozen=True)
class Calls:
    offered: int = 0
    answered: int = 0
    abandoned: int = 0
    # Sum of waits over answered calls, so that averages over months and units stay weighted.
    wait_total: int = 0
    longest_wait: int = 0
    entered_by_hand: bool = False

    def __add__(self, other):
        return Calls(
            self.offered + other.offered,
            self.answered + other.answered,
            self.abandoned + other.abandoned,
            self.wait_total + other.wait_total,
            max(self.longest_wait, other.longest_wait),
            self.entered_by_hand or other.entered_by_hand,
        )

    @property
    def answer_rate(self) -> Decimal | None:
        return percent(self.answered, self.offered)

    @property
    def average_wait(self) -> Decimal | None:
        if not self.answered:
            return None
        return rounded(Decimal(self.wait_total) / self.answered, Decimal(1))

    def figure(self) -> Figure:
        rate = self.answer_rate
        return Figure(rate) if rate is not None else Figure.missing(NO_CALLS)


def phone_load(*, months) -> dict:
    """{(unit id, Month): Calls}; a month entered by hand replaces the imported rows.

    Two queries, whatever the number of months.
    """
    months = list(months)
    if not months:
        return {}
    first, last = min(months), max(months)
    rows = (
        PhoneTraffic.objects.filter(day__gte=first.start, day__lt=last.end)
        .annotate(m=TruncMonth("day"))
        .values_list("unit_id", "m")
        .annotate(
            # Named apart from the fields: an annotation called "answered" would stand for
            # the sum inside the wait product.
            total_offered=Sum("offered"),
            total_answered=Sum("answered"),
            total_abandoned=Sum("abandoned"),
            total_wait=Sum(F("average_wait") * F("answered")),
            longest=Max("longest_wait"),
        )
        .order_by()
    )
    calls = {
        (unit_id, Month.from_date(month)): Calls(*figures) for unit_id, month, *figures in rows
    }
    manual = PhoneMonth.objects.filter(month__gte=first.start, month__lt=last.end)
    for row in manual:
        calls[(row.unit_id, Month.from_date(row.month))] = Calls(
            row.offered,
            row.answered,
            row.abandoned,
            row.average_wait * row.answered,
            row.longest_wait,
            entered_by_hand=True,
        )
    return calls


def calls_total(calls, *, months, unit_id=None) -> Calls:
    months = set(months)
    total = Calls()
    for (unit, month), row in calls.items():
        if month in months and (unit_id is None or unit == unit_id):
            total = total + row
    return total


def test_calls(*, months=None, unit_id=None):
    rows = TestCall.objects.select_related("unit", "created_by")
    if months:
        months = list(months)
        rows = rows.filter(
            called_at__date__gte=min(months).start, called_at__date__lt=max(months).end
        )
    if unit_id is not None:
        rows = rows.filter(unit_id=unit_id)
    return rows


def test_call_summary(*, months) -> dict:
    """{unit id: (calls, answered)} for the test calls of the months."""
    months = list(months)
    rows = (
        test_calls(months=months)
        .order_by()
        .values_list("unit_id")
        .annotate(n=Count("pk"), answered=Count("pk", filter=Q(answered=True)))
    )
    return {unit_id: (n, answered) for unit_id, n, answered in rows}


def phone_imports():
    return PhoneImport.objects.select_related("created_by")


def busiest_by_month(*, months, unit_id=None) -> dict:
    """{Month: [(hour, calls offered)]}, the busiest hours of each month, in one query."""
    months = list(months)
    rows = PhoneTraffic.objects.filter(
        day__gte=min(months).start, day__lt=max(months).end, hour__isnull=False
    )
    if unit_id is not None:
        rows = rows.filter(unit_id=unit_id)
    rows = (
        rows.annotate(m=TruncMonth("day"))
        .values_list("m", "hour")
        .annotate(n=Sum("offered"))
        .order_by("m", "-n", "hour")
    )
    busiest = {}
    for month, hour, n in rows:
        hours = busiest.setdefault(Month.from_date(month), [])
        if len(hours) < BUSIEST:
            hours.append((hour, n))
    return busiest


@dataclass(frozen=True)
class PhoneYear:
    units: list  # [(unit, Calls for the year, (test calls, answered))]
    total: Calls
    months: list  # [(Month, Calls, busiest hours)] for the chosen unit or all units


def phone_year(*, months, units, unit_id=None) -> PhoneYear:
    calls = phone_load(months=months)
    tests = test_call_summary(months=months)
    busiest = busiest_by_month(months=months, unit_id=unit_id)
    return PhoneYear(
        units=[
            (unit, calls_total(calls, months=months, unit_id=unit.pk), tests.get(unit.pk, (0, 0)))
            for unit in units
        ],
        total=calls_total(calls, months=months),
        months=[
            (month, calls_total(calls, months=[month], unit_id=unit_id), busiest.get(month, []))
            for month in months
        ],
    )
