from django.urls import reverse
from django.utils import timezone

from complaints.models import Complaint, ReturnedDocument
from ekonomi import access
from ekonomi.records import Record
from ekonomi.search import text_search

SEARCH_FIELDS = ["description", "cause", "action", "customer__name"]


def complaint_list(*, user):
    return access.scope(
        Complaint.objects.select_related("customer", "process", "unit", "responsible"), user
    )


def complaint_get(*, user, pk):
    return access.get_scoped_or_404(
        Complaint.objects.select_related(
            "customer", "process", "unit", "responsible", "created_by"
        ),
        user,
        pk=pk,
    )


def open_complaints_of(*, user):
    """What the user answers for and has not closed, the earliest due first."""
    return (
        Complaint.objects.filter(responsible=user)
        .exclude(status=Complaint.Status.CLOSED)
        .select_related("customer")
        .order_by("answer_due", "pk")
    )


def start_page_context(request):
    today = timezone.localdate()
    complaints = list(open_complaints_of(user=request.user)[:10])
    return {
        "my_complaints": complaints,
        "my_complaints_overdue": sum(c.is_overdue(today) for c in complaints),
        "today": today,
    }


def customer_panel_context(request, *, customer):
    today = timezone.localdate()
    complaints = access.scope(Complaint.objects.filter(customer=customer), request.user)
    returned = access.scope(ReturnedDocument.objects.filter(customer=customer), request.user)
    open_complaints = complaints.exclude(status=Complaint.Status.CLOSED)
    # This year's returns, or the last year's with any when this year has none yet.
    latest = returned.filter(returned_on__lte=today).order_by("-returned_on").first()
    year = latest.returned_on.year if latest else today.year
    return {
        "open_complaints": open_complaints.count(),
        "overdue_complaints": open_complaints.filter(
            answered_on__isnull=True, answer_due__lt=today
        ).count(),
        "returned_year": year,
        "returned_in_year": returned.filter(returned_on__year=year).count(),
        "can_record": access.can(request.user, access.CONTACT_WRITE),
    }


def _record(complaint: Complaint) -> Record:
    return Record(
        date=complaint.received_on,
        kind=complaint.get_kind_display(),
        title=complaint.description[:120],
        url=reverse("complaints:detail", args=[complaint.pk]),
        customer_code=complaint.customer.code,
        text=complaint.action,
        status=complaint.get_status_display(),
    )


def timeline_records(*, user, customer, limit):
    complaints = complaint_list(user=user).filter(customer=customer)[:limit]
    return [_record(c) for c in complaints]


def search_records(*, user, query, limit):
    complaints = text_search(complaint_list(user=user), fields=SEARCH_FIELDS, query=query)
    return [_record(c) for c in complaints[:limit]]
