"""A customer's own report, for that customer's bound controller: their statistics, invoices,
complaints and returned documents, and the customer log's summary. Nothing about other
customers or the centre as a whole."""

from decimal import Decimal

from django.db.models import Count
from django.utils.translation import gettext as _

from complaints.models import Complaint, ReturnedDocument
from complaints.returns.selectors import statistics as returned_statistics
from indicators.staffing.selectors import processes
from invoicing.billing.selectors import customer_billing
from invoicing.statistics.selectors import COLUMNS, statistics_customer_year
from reports import selectors
from reports.document import Chapter, Table


def statistics_chapter(customer, months_sets) -> Chapter:
    chapter = Chapter("statistics", _("Statistics"))
    year = months_sets[0][1][0].year
    months, _year_total = statistics_customer_year(customer=customer, year=year)
    wanted = set(months_sets[-1][1])
    rows = [[m.label, *row.values()] for m, row in months if m in wanted]
    chapter.blocks.append(
        Table(
            _("Per month"),
            [_("Month"), *[str(label) for _name, label in COLUMNS]],
            rows,
        )
    )
    all_processes = processes()
    for label, period_months in months_sets:
        volumes = selectors.volumes_by_process(months=period_months, customer_id=customer.pk)
        if not volumes:
            chapter.missing.append(
                _("No volumes are registered for %(period)s.") % {"period": label}
            )
        chapter.blocks.append(
            Table(
                _("Volumes per process, %(period)s") % {"period": label},
                [_("Process"), _("Volumes")],
                [
                    [f"{p.code} {p.name}", volumes.get((customer.pk, p.code), 0)]
                    for p in all_processes
                ],
            )
        )
    return chapter


def invoices_chapter(customer, months) -> Chapter:
    chapter = Chapter("invoices", _("Invoices"))
    wanted = set(months)
    rows = []
    for row in customer_billing(customer=customer, year=months[0].year):
        if row.month not in wanted:
            continue
        numbers = ", ".join(d.number for d in row.documents)
        rows.append([row.month.label, numbers, row.total, row.saving])
    if not rows:
        chapter.missing.append(_("No invoices are issued for the period."))
    chapter.blocks.append(
        Table(
            _("Invoices per month (kr)"),
            [_("Month"), _("Documents"), _("Total"), _("Saving if electronic")],
            rows,
            total=[
                _("Total"),
                "",
                sum((r[2] for r in rows), Decimal("0.00")),
                sum((r[3] for r in rows), Decimal("0.00")),
            ]
            if rows
            else None,
            empty=_("No invoices."),
        )
    )
    return chapter


def contacts_chapter(customer, period) -> Chapter:
    chapter = Chapter("contacts", _("Complaints, returned documents and the customer log"))
    complaints = dict(
        Complaint.objects.filter(
            customer=customer, received_on__gte=period.start, received_on__lt=period.end
        )
        .values_list("kind")
        .annotate(n=Count("pk"))
        .order_by()
    )
    chapter.blocks.append(
        Table(
            _("Complaints and feedback, %(period)s") % {"period": period.label},
            [_("Kind"), _("Arrived")],
            [[kind.label, complaints.get(kind, 0)] for kind in Complaint.Kind],
            total=[_("Total"), sum(complaints.values())],
        )
    )
    returned = returned_statistics(ReturnedDocument.objects.filter(customer=customer), period)
    chapter.blocks.append(
        Table(
            _("Returned documents by reason, %(period)s") % {"period": period.label},
            [_("Reason"), _("Returned")],
            [
                [reason.name, n]
                for reason, n in zip(returned["reasons"], returned["reason_totals"], strict=True)
            ],
            total=[_("Total"), returned["total"]],
            empty=_("No documents were returned."),
        )
    )
    entries, meetings = selectors.log_summary(customer=customer, period=period)
    chapter.blocks.append(
        Table(
            _("Customer log, %(period)s") % {"period": period.label},
            [_("Kind"), _("Entries")],
            [list(row) for row in entries],
            total=[_("Total"), sum(n for _kind, n in entries)],
        )
    )
    chapter.blocks.append(
        Table(
            _("Customer meetings, %(period)s") % {"period": period.label},
            [_("Date"), _("Status")],
            [[m.date, m.get_status_display()] for m in meetings],
            empty=_("No meetings."),
        )
    )
    return chapter


def chapters(period, customer, months_sets):
    whole = months_sets[-1][1]
    span = period.year_to_date() if hasattr(period, "year_to_date") else period
    return [
        statistics_chapter(customer, months_sets),
        invoices_chapter(customer, whole),
        contacts_chapter(customer, span),
    ]
