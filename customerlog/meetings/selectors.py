from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse

from customerlog.models import Meeting, MeetingPlan
from customers.models import Customer
from ekonomi import access
from ekonomi.records import Record
from ekonomi.search import text_search

SEARCH_FIELDS = [
    "minutes",
    "participants",
    "other_agenda",
    "actions__description",
    "customer__name",
]


def meeting_list(*, user):
    return access.scope(Meeting.objects.select_related("customer"), user)


def meeting_get(*, user, pk):
    return access.get_scoped_or_404(
        Meeting.objects.select_related("customer", "created_by"), user, pk=pk
    )


@dataclass(frozen=True)
class HeldAgainstPlanned:
    customer: Customer
    planned: int | None
    held: int
    scheduled: int  # still planned in the year, not yet held

    @property
    def missing(self):
        """Meetings neither held nor booked to reach the plan."""
        if self.planned is None:
            return 0
        return max(self.planned - self.held - self.scheduled, 0)


def held_against_planned(*, user, year: int, customer=None) -> list[HeldAgainstPlanned]:
    customers = access.scope(Customer.objects.filter(is_active=True), user, "pk")
    if customer is not None:
        customers = customers.filter(pk=customer.pk)
    customers = customers.annotate(
        held=Count("meetings", filter=Q(meetings__date__year=year, meetings__status="held")),
        scheduled=Count(
            "meetings", filter=Q(meetings__date__year=year, meetings__status="planned")
        ),
    )
    plans = dict(MeetingPlan.objects.filter(year=year).values_list("customer", "planned"))
    return [
        HeldAgainstPlanned(c, plans.get(c.pk), c.held, c.scheduled)
        for c in customers.order_by("code")
    ]


def plan_year(*, customer, today) -> int:
    """This year, or the last year planned for the customer when this year has no plan yet."""
    planned = MeetingPlan.objects.filter(customer=customer, year__lte=today.year)
    return planned.order_by("-year").values_list("year", flat=True).first() or today.year


def _record(meeting: Meeting) -> Record:
    return Record(
        date=meeting.date,
        kind=str(Meeting._meta.verbose_name).capitalize(),
        title=", ".join(str(label) for label in meeting.agenda_labels()) or meeting.place,
        url=reverse("customerlog:meeting_detail", args=[meeting.pk]),
        customer_code=meeting.customer.code,
        text=meeting.minutes[:300],
        status=meeting.get_status_display(),
    )


def timeline_records(*, user, customer, limit):
    return [_record(m) for m in meeting_list(user=user).filter(customer=customer)[:limit]]


def search_records(*, user, query, limit):
    found = text_search(meeting_list(user=user), fields=SEARCH_FIELDS, query=query)
    # A meeting matches once per matching action; it is listed once.
    seen, records = set(), []
    for meeting in found:
        if meeting.pk not in seen:
            seen.add(meeting.pk)
            records.append(_record(meeting))
        if len(records) == limit:
            break
    return records
