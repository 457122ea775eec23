"""The indicators dashboard's server time with ten years of data, against the customer list.

    .venv/bin/python bench/dashboard.py [--requests 200]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/dashboard.py

Runs in a throw-away test database: the demo organisation and the indicators' demo (88
employees, phone statistics, sick leave, surveys), then 2003-2012 are filled with monthly
volumes for every customer, sick leave and phone figures for every unit and month. Both pages
are requested through Django's test client as the head of operations, alternately, after a
warm-up; the figures are the server's time per request (the charts are separate SVG requests
and not part of the page). Target: the dashboard's p95 at most 3x the customer list's p95.
"""

import argparse
import io
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ekonomi.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402

from customers.models import Customer, Unit, User  # noqa: E402
from ekonomi.periods import Month  # noqa: E402
from indicators import demo  # noqa: E402
from indicators.phone.models import PhoneMonth  # noqa: E402
from indicators.sickleave.models import SickLeave  # noqa: E402
from invoicing.prices.models import PriceItem  # noqa: E402
from invoicing.volumes.models import MonthlyVolume  # noqa: E402

MONTHS = Month.range(Month(2003, 1), Month(2012, 12))
CODES = ("KR-FS", "KR-MAN", "KR-ABO", "LR-EL", "LR-MAN")
WARM_UP = 10


def ten_years():
    rng = random.Random(2012)
    items = list(PriceItem.objects.filter(price_list__year=2012, code__in=CODES))
    customers, units = list(Customer.objects.all()), list(Unit.objects.all())
    volumes, sick, phone = [], [], []
    for month in MONTHS:
        for customer in customers:
            for item in items:
                n = rng.randint(500, 4000)
                volumes.append(
                    MonthlyVolume(
                        customer=customer, price_item=item, month=month.start, counted=n, quantity=n
                    )
                )
        if month.year == 2012:
            continue  # the demo has 2012's sick leave and phone traffic
        for unit in units:
            sick.append(
                SickLeave(unit=unit, month=month.start, percent=Decimal(rng.randint(30, 60)) / 10)
            )
            offered = rng.randint(1500, 2500)
            answered = offered - rng.randint(100, 300)
            phone.append(
                PhoneMonth(
                    unit=unit,
                    month=month.start,
                    offered=offered,
                    answered=answered,
                    abandoned=offered - answered,
                    average_wait=rng.randint(20, 60),
                    longest_wait=rng.randint(200, 500),
                )
            )
    MonthlyVolume.objects.bulk_create(volumes, batch_size=5000)
    SickLeave.objects.bulk_create(sick)
    PhoneMonth.objects.bulk_create(phone)
    return len(volumes)


def percentiles(times):
    ordered = sorted(times)
    p95 = ordered[max(0, round(len(ordered) * 0.95) - 1)]
    return statistics.median(ordered) * 1000, p95 * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        call_command("load_demo", "--organisation-only", stdout=io.StringIO())
        with transaction.atomic():
            demo.load({}, activity=True)
            rows = ten_years()
        print(
            f"database: {connection.vendor}; {len(MONTHS)} months, {rows} monthly volumes, "
            f"{Customer.objects.count()} customers"
        )
        client = Client()
        client.force_login(User.objects.get(username="chef"))
        pages = {
            "customer list": (reverse("customers:list"), {}),
            "dashboard T2 2012": (reverse("indicators:dashboard"), {"period": "2012-T2"}),
        }
        times = {name: [] for name in pages}
        for n in range(WARM_UP + args.requests):
            for name, (url, params) in pages.items():
                started = time.perf_counter()
                response = client.get(url, params)
                elapsed = time.perf_counter() - started
                assert response.status_code == 200, (name, response.status_code)
                if n >= WARM_UP:
                    times[name].append(elapsed)
        figures = {name: percentiles(t) for name, t in times.items()}
        for name, (p50, p95) in figures.items():
            print(f"{name:<20} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   ({args.requests} requests)")
        ratio = figures["dashboard T2 2012"][1] / figures["customer list"][1]
        print(f"dashboard p95 / customer list p95: {ratio:.2f} (target at most 3)")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
