"""Billing one month for all 33 customers: without history, then with ten years of it.

    .venv/bin/python bench/billing.py [--repeat 5]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/billing.py

Runs in a throw-away test database. The baseline bills January 2012 with an empty history;
then 2002-2011 are generated (price lists, monthly volumes and hours for every customer, and
every month billed, so the late-volume comparison has 120 billed months to read) and the
same month is billed again. Each run is rolled back, so every repetition bills the same data.
"""

import argparse
import io
import os
import random
import statistics
import sys
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ekonomi.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from customers.models import Customer, Service, User  # noqa: E402
from ekonomi.periods import Month  # noqa: E402
from invoicing.billing import basis, services  # noqa: E402
from invoicing.prices.models import PriceItem, PriceList  # noqa: E402
from invoicing.timereport.models import TimeEntry  # noqa: E402
from invoicing.volumes.models import MonthlyVolume  # noqa: E402

TARGET = Month(2012, 1)
HISTORY = Month.range(Month(2002, 1), Month(2011, 12))
ADD_ONS = ["R2R", "TP", "BFO"]


class Rollback(Exception):
    pass


def price_lists():
    source = PriceList.objects.get(year=TARGET.year)
    for year in range(HISTORY[0].year, TARGET.year):
        price_list, created = PriceList.objects.get_or_create(year=year)
        if created:
            PriceItem.objects.bulk_create(
                PriceItem(
                    price_list=price_list,
                    code=item.code,
                    name=item.name,
                    service=item.service,
                    unit=item.unit,
                    price=item.price,
                )
                for item in source.items.all()
            )


def month_data(month: Month, rng: random.Random, person):
    """Volumes for every customer and volume item, and a few add-on hours each."""
    items = list(PriceItem.objects.filter(price_list__year=month.year).exclude(unit="hour"))
    services = list(Service.objects.filter(code__in=ADD_ONS))
    volumes, entries = [], []
    for customer in Customer.objects.all():
        for item in items:
            quantity = (
                rng.randint(0, 4000) if item.code in {"KR-FS", "LR-EL"} else rng.randint(0, 300)
            )
            volumes.append(
                MonthlyVolume(
                    customer=customer,
                    price_item=item,
                    month=month.start,
                    counted=quantity,
                    quantity=quantity,
                )
            )
        for day, service in zip((3, 10, 17), services, strict=True):
            entries.append(
                TimeEntry(
                    person=person,
                    customer=customer,
                    service=service,
                    date=date(month.year, month.month, day),
                    hours=Decimal(rng.randint(1, 16)) / 2,
                    created_by=person,
                )
            )
    MonthlyVolume.objects.bulk_create(volumes)
    TimeEntry.objects.bulk_create(entries)


def measure(repeat, user):
    previews, issues = [], []
    for _ in range(repeat):
        try:
            with transaction.atomic():
                started = time.perf_counter()
                preview = basis.billing_basis(month=TARGET)
                previews.append(time.perf_counter() - started)
                started = time.perf_counter()
                invoices = services.billing_issue(month=TARGET, user=user)
                issues.append(time.perf_counter() - started)
                raise Rollback
        except Rollback:
            pass
    assert len(invoices) == len(preview.invoices) == Customer.objects.count()
    return statistics.median(previews), statistics.median(issues), preview.total


def report(label, figures):
    preview, issue, total = figures
    print(
        f"{label:<32} preview {preview * 1000:7.1f} ms   issue {issue * 1000:7.1f} ms   "
        f"preview + issue {(preview + issue) * 1000:7.1f} ms   (month total {total} kr)"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("load_demo", "--organisation-only", stdout=io.StringIO())
        rng = random.Random(2012)
        user = User.objects.get(username="enhetschef")
        # A person of its own, so that the generated hours never meet the demo's.
        person, _created = User.objects.get_or_create(
            username="bench.handlaggare",
            defaults={"role": "officer", "unit": User.objects.get(username="handlaggare").unit},
        )
        with transaction.atomic():
            month_data(TARGET, rng, person)
        print(f"database: {connection.vendor}; {Customer.objects.count()} customers; {TARGET}")
        baseline = measure(args.repeat, user)
        report("empty history", baseline)

        started = time.perf_counter()
        price_lists()
        for month in HISTORY:
            with transaction.atomic():
                month_data(month, rng, person)
            services.billing_issue(month=month, user=user)
        print(
            f"history generated in {time.perf_counter() - started:.0f} s: "
            f"{len(HISTORY)} billed months, {MonthlyVolume.objects.count()} monthly volumes, "
            f"{TimeEntry.objects.count()} time entries"
        )
        with_history = measure(args.repeat, user)
        report("10 years of history", with_history)
        ratio = (with_history[0] + with_history[1]) / (baseline[0] + baseline[1])
        print(f"with history / baseline: {ratio:.2f}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
