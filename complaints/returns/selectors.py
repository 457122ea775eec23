from collections import defaultdict

from django.db.models import Count

from complaints.models import ReturnedDocument, ReturnReason
from ekonomi import access
from ekonomi.periods import Month


def returned_list(*, user):
    return access.scope(
        ReturnedDocument.objects.select_related("customer", "process", "unit", "reason", "sent_by"),
        user,
    )


def returned_get(*, user, pk):
    return access.get_scoped_or_404(returned_list(user=user), user, pk=pk)


def active_reasons():
    return ReturnReason.objects.filter(is_active=True)


def statistics(documents, period):
    """Counts per customer and reason, and per customer and month, for one period."""
    documents = documents.filter(returned_on__gte=period.start, returned_on__lt=period.end)
    reasons = list(
        ReturnReason.objects.filter(pk__in=documents.values("reason")).order_by(
            "sort_order", "name"
        )
    )
    months = period.months()
    by_reason, by_month, customers = defaultdict(dict), defaultdict(dict), {}
    rows = (
        documents.values("customer", "customer__code", "customer__name", "reason")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        customers[row["customer"]] = f"{row['customer__code']} {row['customer__name']}"
        by_reason[row["customer"]][row["reason"]] = row["n"]
    for customer, day in documents.values_list("customer", "returned_on"):
        month = Month.from_date(day)
        by_month[customer][month] = by_month[customer].get(month, 0) + 1
    ordered = sorted(customers, key=lambda pk: customers[pk])
    return {
        "reasons": reasons,
        "months": months,
        "reason_rows": [
            (
                customers[pk],
                [by_reason[pk].get(r.pk, 0) for r in reasons],
                sum(by_reason[pk].values()),
            )
            for pk in ordered
        ],
        "month_rows": [
            (customers[pk], [by_month[pk].get(m, 0) for m in months], sum(by_month[pk].values()))
            for pk in ordered
        ],
        "reason_totals": [sum(by_reason[pk].get(r.pk, 0) for pk in ordered) for r in reasons],
        "month_totals": [sum(by_month[pk].get(m, 0) for pk in ordered) for m in months],
        "total": sum(sum(v.values()) for v in by_reason.values()),
    }
