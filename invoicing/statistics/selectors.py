from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum
from django.db.models.functions import ExtractMonth
from django.utils.translation import gettext_lazy as _

from customers.models import Customer
from ekonomi import access
from ekonomi.periods import Month
from invoicing.timereport.models import TimeEntry
from invoicing.volumes.models import MonthlyVolume

# The plan's monthly follow-up: which price items each figure counts.
FIGURES = {
    "customer_electronic": ("KR-FS",),
    "customer_manual": ("KR-MAN", "KR-ABO"),
    "supplier_electronic": ("LR-EL",),
    "supplier_manual": ("LR-MAN",),
    "voids": ("KR-MAK",),
    "refunds": ("KR-ATB",),
    "reminders": ("LR-PAM",),
    "advance_cash": ("LR-FSK",),
}
FIGURE_OF_CODE = {code: figure for figure, codes in FIGURES.items() for code in codes}
PERCENT = Decimal("0.1")

# (attribute of Row, column header), in the order the table and the export show them.
COLUMNS = [
    ("customer_electronic", _("Customer invoices, electronic")),
    ("customer_manual", _("Customer invoices, manual")),
    ("customer_share", _("Electronic customer invoices (%)")),
    ("supplier_electronic", _("Supplier invoices, electronic")),
    ("supplier_manual", _("Supplier invoices, manual")),
    ("supplier_share", _("Electronic supplier invoices (%)")),
    ("voids", _("Voided invoices")),
    ("refunds", _("Refunds")),
    ("reminders", _("Reminders and collection demands")),
    ("advance_cash", _("Advance cash cases")),
    ("hours", _("Add-on hours")),
]


def _share(electronic, manual):
    total = electronic + manual
    if not total:
        return None
    return (Decimal(electronic) * 100 / total).quantize(PERCENT, rounding=ROUND_HALF_UP)


@dataclass
class Row:
    counts: dict = field(default_factory=lambda: dict.fromkeys(FIGURES, 0))
    hours: Decimal = Decimal("0")

    def __getattr__(self, name):
        if name in FIGURES:
            return self.counts[name]
        raise AttributeError(name)

    @property
    def customer_share(self):
        return _share(self.customer_electronic, self.customer_manual)

    @property
    def supplier_share(self):
        return _share(self.supplier_electronic, self.supplier_manual)

    def add(self, other):
        for figure, n in other.counts.items():
            self.counts[figure] += n
        self.hours += other.hours

    def values(self):
        return [getattr(self, name) for name, _label in COLUMNS]


def statistics_customers(*, user):
    return access.scope(Customer.objects.order_by("code"), user, customer_path="pk")


def statistics_customer_get(*, user, code):
    return access.get_scoped_or_404(Customer.objects.all(), user, customer_path="pk", code=code)


def statistics_by_month(*, customers, year):
    """{customer id: {month number: Row}}, from one query of volumes and one of hours."""
    rows = defaultdict(lambda: defaultdict(Row))
    volumes = (
        MonthlyVolume.objects.filter(
            customer__in=customers,
            month__year=year,
            price_item__code__in=list(FIGURE_OF_CODE),
        )
        .annotate(number=ExtractMonth("month"))
        .values_list("customer_id", "number", "price_item__code")
        .annotate(n=Sum("quantity"))
        .order_by()
    )
    for customer_id, number, code, n in volumes:
        rows[customer_id][number].counts[FIGURE_OF_CODE[code]] += n
    hours = (
        TimeEntry.objects.filter(customer__in=customers, date__year=year)
        .annotate(number=ExtractMonth("date"))
        .values_list("customer_id", "number")
        .annotate(h=Sum("hours"))
        .order_by()
    )
    for customer_id, number, h in hours:
        rows[customer_id][number].hours += h
    return rows


def statistics_customer_year(*, customer, year):
    """[(Month, Row)] for every month of the year, and the year's total Row."""
    by_month = statistics_by_month(customers=[customer.pk], year=year)[customer.pk]
    months = [(Month(year, number), by_month[number]) for number in range(1, 13)]
    return months, statistics_total(row for _month, row in months)


def statistics_overview(*, user, year):
    """[(Customer, year Row)] for the customers the user may see, and the grand total Row."""
    customers = list(statistics_customers(user=user))
    by_month = statistics_by_month(customers=[c.pk for c in customers], year=year)
    rows = [(c, statistics_total(by_month[c.pk].values())) for c in customers if c.pk in by_month]
    return rows, statistics_total(row for _customer, row in rows)


def statistics_total(rows) -> Row:
    """The sum of the rows, as one Row."""
    total = Row()
    for row in rows:
        total.add(row)
    return total
