"""Demo monthly volumes for 2012 that add up to the plan's yearly totals.

Stored as one monthly-count import per month, as if the ERP had sent a count file, so that
the monthly volumes are derived the way a real import derives them. A month whose demo import
is already there is left alone, so a rerun adds nothing.
"""

import random

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from customers.models import Customer, ServiceAgreement
from ekonomi.periods import Month
from invoicing.prices.models import PriceItem
from invoicing.volumes.models import MonthlyVolume, VolumeCount, VolumeImport
from invoicing.volumes.monthly import monthly_volumes_refresh

YEAR = 2012
# The plan's expected volumes for 2012 (domain.md, "Expected volumes").
CUSTOMER_INVOICES = 1_600_000
SUPPLIER_INVOICES = 1_025_000
CUSTOMER_CODES = ("KR-FS", "KR-MAN", "KR-ABO")
SUPPLIER_CODES = ("LR-EL", "LR-MAN")
# Holidays empty July; the year-end and the first quarter's closing fill March and December.
SEASON = (0.95, 0.98, 1.15, 1.0, 1.05, 1.02, 0.55, 0.85, 1.05, 1.06, 1.06, 1.28)
# A district administration handles far more invoices than a specialist one.
SIZE = {Customer.Kind.DISTRICT: (3.0, 6.0), Customer.Kind.SPECIALIST: (0.4, 2.5)}


def _file_name(month):
    return f"demo-volymer-{month}.csv"


def _split(total, weights):
    """Integers in proportion to the weights that sum exactly to total (largest remainder)."""
    whole = sum(weights)
    shares = [total * w / whole for w in weights]
    parts = [int(share) for share in shares]
    by_remainder = sorted(range(len(shares)), key=lambda i: parts[i] - shares[i])
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _customer_year(customer, customer_total, supplier_total):
    """{month number: {price item code: count}} for one customer."""
    rng = random.Random(f"volumes-{customer.code}-{YEAR}")
    electronic = rng.uniform(0.70, 0.85)
    supplier_electronic = rng.uniform(0.70, 0.85)
    season = [s * rng.uniform(0.93, 1.07) for s in SEASON]
    counts = {}
    months = zip(_split(customer_total, season), _split(supplier_total, season), strict=True)
    for number, (sales, purchases) in enumerate(months, start=1):
        fs = round(sales * electronic)
        abo = round((sales - fs) * rng.uniform(0.2, 0.35))
        el = round(purchases * supplier_electronic)
        counts[number] = {
            "KR-FS": fs,
            "KR-MAN": sales - fs - abo,
            "KR-ABO": abo,
            "LR-EL": el,
            "LR-MAN": purchases - el,
            "KR-MAK": round(sales * rng.uniform(0.005, 0.015)),
            "KR-ATB": round(sales * rng.uniform(0.001, 0.004)),
            "LR-PAM": round(purchases * rng.uniform(0.01, 0.03)),
            "LR-FSK": rng.randint(0, 6),
        }
    return counts


def _plan():
    """{month number: [(customer id, code, count)]} for the customers with a 2012 agreement."""
    customers = list(
        Customer.objects.filter(
            agreements__year=YEAR,
            agreements__status=ServiceAgreement.Status.SIGNED,
        )
        .distinct()
        .order_by("code")
    )
    sizes = [random.Random(f"size-{c.code}").uniform(*SIZE[c.kind]) for c in customers]
    plan = {number: [] for number in range(1, 13)}
    yearly = zip(
        customers,
        _split(CUSTOMER_INVOICES, sizes) if customers else [],
        _split(SUPPLIER_INVOICES, sizes) if customers else [],
        strict=True,
    )
    for customer, sales, purchases in yearly:
        for number, counts in _customer_year(customer, sales, purchases).items():
            plan[number] += [(customer.pk, code, n) for code, n in counts.items() if n]
    return plan


def load(data):
    items = {item.code: item.pk for item in PriceItem.objects.filter(price_list__year=YEAR)}
    done = set(
        VolumeImport.objects.filter(status=VolumeImport.Status.DONE).values_list(
            "file_name", flat=True
        )
    )
    added = []
    with transaction.atomic():
        for number, rows in _plan().items():
            month = Month(YEAR, number)
            rows = [row for row in rows if row[1] in items]
            if _file_name(month) in done or not rows:
                continue
            volume_import = VolumeImport.objects.create(
                source=VolumeImport.Source.FILE,
                shape=VolumeImport.Shape.COUNTS,
                status=VolumeImport.Status.DONE,
                file_name=_file_name(month),
                rows_read=len(rows),
                rows_added=len(rows),
                month_totals={
                    str(month): {
                        "rows": len(rows),
                        "quantity": sum(n for _c, _code, n in rows),
                        "added": len(rows),
                    }
                },
                finished_at=timezone.now(),
            )
            VolumeCount.objects.bulk_create(
                VolumeCount(
                    volume_import=volume_import,
                    customer_id=customer_id,
                    price_item_id=items[code],
                    month=month.start,
                    quantity=n,
                )
                for customer_id, code, n in rows
            )
            added.append(month)
        monthly_volumes_refresh(months=added)
    year = MonthlyVolume.objects.filter(month__year=YEAR)

    def total(codes):
        return year.filter(price_item__code__in=codes).aggregate(n=Sum("quantity"))["n"] or 0

    return [
        _("Volumes %(year)s: %(customer)s customer invoices, %(supplier)s supplier invoices.")
        % {
            "year": YEAR,
            "customer": number_format(total(CUSTOMER_CODES), force_grouping=True),
            "supplier": number_format(total(SUPPLIER_CODES), force_grouping=True),
        }
    ]
