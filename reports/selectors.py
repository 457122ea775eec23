"""Reads of the archive, and the few report figures no other app already computes."""

from collections import defaultdict

from django.db.models import Count, Prefetch, Sum
from django.shortcuts import get_object_or_404

from customerlog.models import LogEntry, Meeting
from ekonomi import access
from invoicing.volumes.models import MonthlyVolume
from reports.models import Commentary, Report, ReportFile


def visible_reports(*, user):
    """The archive as the user may see it: a bound controller only their customer's reports."""
    # A list shows each file's format, size and checksum; the contents (whole PDFs) are read
    # only for the one download.
    files = Prefetch("files", queryset=ReportFile.objects.defer("content"))
    reports = Report.objects.select_related("customer", "produced_by").prefetch_related(files)
    customer_id = access.bound_customer_id(user)
    if customer_id is not None:
        return reports.filter(customer_id=customer_id)
    return reports


def report_get(*, user, pk):
    return access.get_scoped_or_404(visible_reports(user=user), user, pk=pk)


def report_file_get(*, user, pk, fmt):
    report = report_get(user=user, pk=pk)
    return report, get_object_or_404(ReportFile.objects.filter(report=report), format=fmt)


def latest_reports(*, kind, period, customer=None):
    """The draft and the newest final of one kind, period and scope (either may be None)."""
    reports = Report.objects.filter(kind=kind, period=str(period), customer=customer)
    draft = reports.filter(status=Report.Status.DRAFT).first()
    final = reports.filter(status=Report.Status.FINAL).order_by("-version").first()
    return draft, final


def commentary_of(period) -> Commentary | None:
    return Commentary.objects.filter(period=str(period)).first()


def volumes_by_process(*, months, customer_id=None):
    """{(customer id, process code): quantity} over the months, in one query."""
    rows = MonthlyVolume.objects.filter(month__gte=min(months).start, month__lt=max(months).end)
    if customer_id is not None:
        rows = rows.filter(customer_id=customer_id)
    rows = (
        rows.values_list("customer_id", "price_item__service__process__code")
        .annotate(n=Sum("quantity"))
        .order_by()
    )
    result = defaultdict(int)
    for customer, process, n in rows:
        result[(customer, process)] += n
    return dict(result)


def log_summary(*, customer, period):
    """The customer log of a period: entries per kind, and the meetings held."""
    entries = dict(
        LogEntry.objects.filter(customer=customer, date__gte=period.start, date__lt=period.end)
        .values_list("kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    meetings = list(
        Meeting.objects.filter(
            customer=customer, date__gte=period.start, date__lt=period.end
        ).order_by("date")
    )
    return [(kind.label, entries.get(kind, 0)) for kind in LogEntry.Kind], meetings
