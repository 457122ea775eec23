"""The complaints compilations: per unit and month for the unit meeting, and per tertial for
the whole area as the basis for the process groups' priorities.

Open and overdue are read as of the last day of the period (or today, while the period is
still running), so that a compilation printed in June for March says what March said.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from complaints.models import Complaint, ReturnedDocument
from customers.models import Customer, Process, Unit

KINDS = list(Complaint.Kind)
TENTH = Decimal("0.1")


@dataclass
class CountRow:
    """Items arrived in the period for one customer, process, unit or kind."""

    code: str
    label: str
    by_kind: dict = field(default_factory=dict)  # kind -> count, in KINDS order
    own_errors: int = 0
    total: int = 0
    returned: int = 0  # returned documents, where the compilation counts them
    year_to_date: int = 0  # the tertial overview's cumulative total from 1 January

    @property
    def kind_counts(self):
        return [self.by_kind.get(kind, 0) for kind in KINDS]


@dataclass
class AnswerTimes:
    label: str
    arrived: int
    answered: int
    within_target: int
    average_days: Decimal | None  # working days, one decimal

    @property
    def unanswered(self):
        return self.arrived - self.answered


def _as_of(period, today):
    return min(period.end - timedelta(days=1), today)


def _counts(queryset, key, labels):
    """{code: CountRow} for each value of `key` present in `queryset`, in the labels' order."""
    aggregates = {kind: Count("pk", filter=Q(kind=kind)) for kind in KINDS} | {
        "own": Count("pk", filter=Q(own_error=True)),
        "all": Count("pk"),
    }
    found = {row[key]: row for row in queryset.values(key).annotate(**aggregates).order_by()}
    return {
        code: CountRow(
            code=code,
            label=label,
            by_kind={kind: found[code][kind] for kind in KINDS},
            own_errors=found[code]["own"],
            total=found[code]["all"],
        )
        for code, label in labels
        if code in found
    }


def _total(rows, label):
    total = CountRow(code="", label=label, by_kind=dict.fromkeys(KINDS, 0))
    for row in rows:
        for kind in KINDS:
            total.by_kind[kind] += row.by_kind.get(kind, 0)
        total.own_errors += row.own_errors
        total.total += row.total
        total.returned += row.returned
        total.year_to_date += row.year_to_date
    return total


def answer_times(complaints, *, as_of) -> list[AnswerTimes]:
    """Per kind: how many arrived, were answered by `as_of`, within target, and how fast."""
    rows = []
    for kind in KINDS:
        items = [c for c in complaints if c.kind == kind]
        answered = [c for c in items if c.answered_on is not None and c.answered_on <= as_of]
        days = [c.answer_days for c in answered]
        average = (
            (Decimal(sum(days)) / len(days)).quantize(TENTH, rounding=ROUND_HALF_UP)
            if days
            else None
        )
        rows.append(
            AnswerTimes(
                label=kind.label,
                arrived=len(items),
                answered=len(answered),
                within_target=sum(not c.answered_late for c in answered),
                average_days=average,
            )
        )
    return rows


def open_at(queryset, as_of: date):
    """Arrived by `as_of` and not closed by then."""
    return queryset.filter(received_on__lte=as_of).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=as_of)
    )


def overdue_at(queryset, as_of: date):
    """Arrived by `as_of`, unanswered on that day although the target day had passed."""
    return queryset.filter(received_on__lte=as_of, answer_due__lt=as_of).filter(
        Q(answered_on__isnull=True) | Q(answered_on__gt=as_of)
    )


@dataclass
class UnitMonth:
    unit: Unit
    month: object
    as_of: date
    kinds: list[CountRow]
    by_process: list[CountRow]
    by_customer: list[CountRow]
    total: CountRow
    own_errors: list[Complaint]
    open_count: int
    overdue: list[Complaint]
    answer_times: list[AnswerTimes]
    returned_by_reason: list[tuple[str, int]]


def _processes():
    return [(p.pk, p.name) for p in Process.objects.all()]


def _customers():
    return [(c.pk, str(c)) for c in Customer.objects.all()]


def unit_month(*, unit: Unit, month, today: date) -> UnitMonth:
    as_of = _as_of(month, today)
    of_unit = Complaint.objects.filter(unit=unit)
    arrived = of_unit.filter(received_on__gte=month.start, received_on__lt=month.end)
    by_process = list(_counts(arrived, "process", _processes()).values())
    by_customer = list(_counts(arrived, "customer", _customers()).values())
    total = _total(by_process, "")
    own_by_kind = dict(
        arrived.filter(own_error=True).values_list("kind").annotate(n=Count("pk")).order_by()
    )
    kinds = [
        CountRow(
            code=kind,
            label=kind.label,
            by_kind={kind: total.by_kind[kind]},
            own_errors=own_by_kind.get(kind, 0),
            total=total.by_kind[kind],
        )
        for kind in KINDS
    ]
    returned = (
        ReturnedDocument.objects.filter(
            unit=unit, returned_on__gte=month.start, returned_on__lt=month.end
        )
        .values_list("reason__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "reason__name")
    )
    selected = arrived.select_related("customer", "process")
    return UnitMonth(
        unit=unit,
        month=month,
        as_of=as_of,
        kinds=kinds,
        by_process=by_process,
        by_customer=by_customer,
        total=total,
        own_errors=list(selected.filter(own_error=True).order_by("received_on", "pk")),
        open_count=open_at(of_unit, as_of).count(),
        overdue=list(
            overdue_at(of_unit, as_of)
            .select_related("customer", "process")
            .order_by("answer_due", "pk")
        ),
        answer_times=answer_times(list(arrived), as_of=as_of),
        returned_by_reason=list(returned),
    )


@dataclass
class AreaTertial:
    tertial: object
    as_of: date
    by_unit: list[CountRow]
    by_process: list[CountRow]
    by_customer: list[CountRow]
    total: CountRow
    open_count: int
    overdue_count: int
    answer_times: list[AnswerTimes]


def _with_year_to_date(rows, queryset, key):
    totals = dict(queryset.values_list(key).annotate(n=Count("pk")).order_by())
    for row in rows.values():
        row.year_to_date = totals.get(row.code, 0)


def area_tertial(*, tertial, today: date) -> AreaTertial:
    as_of = _as_of(tertial, today)
    period = {"received_on__gte": tertial.start, "received_on__lt": tertial.end}
    arrived = Complaint.objects.filter(**period)
    year_to_date = Complaint.objects.filter(
        received_on__gte=tertial.year_to_date().start, received_on__lt=tertial.end
    )
    units = _counts(arrived, "unit", [(u.pk, u.name) for u in Unit.objects.all()])
    processes = _counts(arrived, "process", _processes())
    customers = _counts(arrived, "customer", _customers())
    returned = dict(
        ReturnedDocument.objects.filter(returned_on__gte=tertial.start, returned_on__lt=tertial.end)
        .values_list("customer")
        .annotate(n=Count("pk"))
        .order_by()
    )
    labels = dict(_customers())
    for code, count in returned.items():
        row = customers.setdefault(
            code, CountRow(code=code, label=labels[code], by_kind=dict.fromkeys(KINDS, 0))
        )
        row.returned = count
    for rows, key in ((units, "unit"), (processes, "process"), (customers, "customer")):
        _with_year_to_date(rows, year_to_date, key)
    # The customers with the most come first: they are where the priorities lie.
    by_customer = sorted(customers.values(), key=lambda row: (-row.total, row.label))
    total = _total(units.values(), "")
    total.returned = sum(returned.values())
    return AreaTertial(
        tertial=tertial,
        as_of=as_of,
        by_unit=list(units.values()),
        by_process=list(processes.values()),
        by_customer=by_customer,
        total=total,
        open_count=open_at(Complaint.objects.all(), as_of).count(),
        overdue_count=overdue_at(Complaint.objects.all(), as_of).count(),
        answer_times=answer_times(list(arrived), as_of=as_of),
    )
