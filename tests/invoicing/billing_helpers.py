"""Set-up shared by the billing tests.

The tests bill 2013 with a price list copied from the demo's 2012 list at the same prices, so
that whatever demo volumes, hours or invoices 2012 gets, the tests' numbers stay their own.
Volumes go in as the volume imports put them: monthly counts of an import, then the monthly
volumes recomputed by the volume services.
"""

import threading
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection, transaction

from customers.models import Customer, User
from ekonomi.periods import Month
from invoicing.billing import services as billing_services
from invoicing.models import PriceItem, PriceList, VolumeCount, VolumeImport
from invoicing.prices.selectors import Rounding
from invoicing.prices.services import price_list_copy
from invoicing.volumes.monthly import monthly_volumes_refresh

YEAR = 2013
JANUARY = Month(YEAR, 1)
FEBRUARY = Month(YEAR, 2)
MARCH = Month(YEAR, 3)

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (row locks, triggers)"
)


def price_list(year=YEAR):
    existing = PriceList.objects.filter(year=year).first()
    if existing is not None:
        return existing
    source = PriceList.objects.get(year=year - 1)
    return price_list_copy(source=source, percent=Decimal("0"), rounding=Rounding.KRONA)


def item(code, year=YEAR):
    return PriceItem.objects.get(price_list__year=year, code=code)


def customer(code):
    return Customer.objects.get(code=code)


def volumes(month: Month, counts: dict[str, dict[str, int]], user=None):
    """counts: {customer code: {price item code: quantity}}, entered as one manual import."""
    volume_import = VolumeImport.objects.create(
        source=VolumeImport.Source.MANUAL,
        shape=VolumeImport.Shape.COUNTS,
        status=VolumeImport.Status.DONE,
        month_totals={str(month): {}},
        created_by=user,
    )
    VolumeCount.objects.bulk_create(
        VolumeCount(
            volume_import=volume_import,
            customer=customer(code),
            price_item=item(item_code, month.year),
            month=month.start,
            quantity=quantity,
        )
        for code, items in counts.items()
        for item_code, quantity in items.items()
    )
    # The refresh locks the volume table on PostgreSQL, which needs a transaction.
    with transaction.atomic():
        monthly_volumes_refresh(months=[month])
    return volume_import


def on(day: date):
    """Act as if it were nine in the morning of `day` in Stockholm: issue dates, booking
    periods and voucher dates follow the clock."""
    moment = datetime.combine(day, time(9), tzinfo=ZoneInfo("Europe/Stockholm"))
    return time_machine.travel(moment, tick=False)


def unit_manager():
    return User.objects.get(username="enhetschef")


def issue(month: Month, user=None):
    return billing_services.billing_issue(month=month, user=user or unit_manager())


# RIKI: 1,000 invoices via feeder system (9 kr), 200 manual (60 kr), 50 electronic supplier
# invoices (15 kr), 3 voided (100 kr): 9,000 + 12,000 + 750 + 300 = 22,050.00 kr.
# SPTE: 10 manual supplier invoices (50 kr) and 5 subscription invoices (50 kr): 750.00 kr.
JANUARY_COUNTS = {
    "RIKI": {"KR-FS": 1000, "KR-MAN": 200, "LR-EL": 50, "KR-MAK": 3},
    "SPTE": {"LR-MAN": 10, "KR-ABO": 5},
}


def in_parallel(jobs):
    """Run every job in its own thread, all released at once; return results or errors."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except Exception as error:  # the test inspects what each one met
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
