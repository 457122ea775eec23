from dataclasses import dataclass
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from customerlog.models import LogEntry, MeetingAction
from ekonomi import access
from ekonomi.records import Record
from ekonomi.search import text_search

SEARCH_FIELDS = ["subject", "text", "customer__name"]
# The start page shows what falls due within this many days; the page shows everything.
SOON_DAYS = 7


def visible_entries(*, user):
    """The log as the user may read it: a bound controller never sees internal entries."""
    entries = access.scope(
        LogEntry.objects.select_related("customer", "author", "follow_up_owner"), user
    )
    if access.bound_customer_id(user) is not None:
        entries = entries.filter(internal=False)
    return entries


def entry_get(*, user, pk):
    entries = LogEntry.objects.select_related("customer", "author", "follow_up_owner")
    if access.bound_customer_id(user) is not None:
        entries = entries.filter(internal=False)
    return access.get_scoped_or_404(entries, user, pk=pk)


@dataclass(frozen=True)
class FollowUp:
    due: date
    what: str  # "log" or "action"
    pk: int
    customer_code: str
    title: str
    url: str
    overdue: bool


def follow_ups(*, user, today: date, until: date | None = None) -> list[FollowUp]:
    """The user's open follow-ups from the log and open meeting actions, earliest first."""
    entries = LogEntry.objects.filter(
        follow_up_owner=user, follow_up_done_on__isnull=True, follow_up_on__isnull=False
    ).select_related("customer")
    actions = MeetingAction.objects.filter(owner=user, closed_on__isnull=True).select_related(
        "meeting__customer"
    )
    if until is not None:
        entries = entries.filter(follow_up_on__lte=until)
        actions = actions.filter(due_on__lte=until)
    items = [
        FollowUp(
            due=e.follow_up_on,
            what="log",
            pk=e.pk,
            customer_code=e.customer.code,
            title=e.subject,
            url=reverse("customerlog:entry_detail", args=[e.pk]),
            overdue=e.follow_up_on < today,
        )
        for e in entries
    ] + [
        FollowUp(
            due=a.due_on,
            what="action",
            pk=a.pk,
            customer_code=a.meeting.customer.code,
            title=a.description,
            url=reverse("customerlog:meeting_detail", args=[a.meeting_id]),
            overdue=a.due_on < today,
        )
        for a in actions
    ]
    return sorted(items, key=lambda item: (item.due, item.what, item.pk))


def start_page_context(request):
    today = timezone.localdate()
    items = follow_ups(user=request.user, today=today, until=today + timedelta(days=SOON_DAYS))
    return {
        "follow_ups_overdue": [i for i in items if i.overdue],
        "follow_ups_due": [i for i in items if not i.overdue],
        "soon_days": SOON_DAYS,
    }


def _record(entry: LogEntry) -> Record:
    return Record(
        date=entry.date,
        kind=entry.get_kind_display(),
        title=entry.subject,
        url=reverse("customerlog:entry_detail", args=[entry.pk]),
        customer_code=entry.customer.code,
        text=entry.text[:300],
        status=str(LogEntry._meta.get_field("internal").verbose_name) if entry.internal else "",
    )


def timeline_records(*, user, customer, limit):
    return [_record(e) for e in visible_entries(user=user).filter(customer=customer)[:limit]]


def search_records(*, user, query, limit):
    found = text_search(visible_entries(user=user), fields=SEARCH_FIELDS, query=query)
    return [_record(e) for e in found[:limit]]
