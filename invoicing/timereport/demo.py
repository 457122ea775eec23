"""Demo add-on hours for 2012, from the add-on services that the signed demo agreements hold.

Each (customer, add-on service) gets part of its agreed estimate of hours (or a default), spread
over the working days the service is in force and given to the case officers of the
customer's manager unit. A pair that already has hours in 2012 is left alone, so a rerun
adds nothing.
"""

import random
from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from django.db.models import Sum
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from customers.agreements.selectors import agreement_services_on
from customers.models import AgreementAddendum, ServiceAgreement, User
from ekonomi.access import Role
from ekonomi.periods import Year
from ekonomi.workdays import is_working_day
from invoicing.timereport.models import TimeEntry

YEAR = 2012
OFFICERS_PER_UNIT = 3
DEFAULT_YEARLY_HOURS = Decimal("120")
# Customers call off a little over half of the hours their agreements estimate: the estimate
# is what the add-on was planned and staffed for. Calibrated with the electronic share of the
# volume demo so that 2012 bills about the plan's turnover (tests/invoicing/test_demo_revenue.py).
CALLED_OFF = Decimal("0.55")
# An officer does at most a working day (7.5 hours) of add-on work a day, 1 to 6 hours a piece.
DAY_CAPACITY = Decimal("7.5")
PIECES = [Decimal(n) / 2 for n in range(2, 13)]
MEAN_PIECE = sum(PIECES) / len(PIECES)


def _officers(unit, password):
    """The unit's case officers, demo ones included (made once; a rerun never resets them)."""
    for number in range(1, OFFICERS_PER_UNIT + 1):
        username = f"handlaggare.{unit.code.lower()}.{number}"
        if not User.objects.filter(username=username).exists():
            user = User(
                username=username,
                first_name=_("Case officer"),
                last_name=f"{unit.code}.{number}",
                role=Role.OFFICER,
                unit=unit,
            )
            user.set_password(password)
            user.full_clean()
            user.save()
    return list(
        User.objects.filter(role=Role.OFFICER, unit=unit, is_active=True).order_by("username")
    )


def _in_force_days(customer_id):
    """{service: (yearly estimate, working days of 2012 it is in the agreement)}."""
    year = Year(YEAR)
    # The services change only where an addendum takes effect, so the selector is asked on
    # 1 January and on those days instead of on every day of the year.
    changes = sorted(
        set(
            AgreementAddendum.objects.filter(
                agreement__customer_id=customer_id, agreement__year=YEAR
            ).values_list("effective_date", flat=True)
        )
        | {year.start}
    )
    estimates, days = {}, defaultdict(list)
    for start, end in zip(changes, [*changes[1:], year.end], strict=True):
        add_ons = [
            item
            for item in agreement_services_on(customer_id=customer_id, on=start).values()
            if item.is_add_on
        ]
        for item in add_ons:
            estimates[item.service] = item.estimated_hours or DEFAULT_YEARLY_HOURS
        for offset in range((end - start).days):
            day = start + timedelta(days=offset)
            if is_working_day(day):
                for item in add_ons:
                    days[item.service].append(day)
    return {service: (estimates[service], service_days) for service, service_days in days.items()}


def _spread(hours, days, officers, booked, rng):
    """Entries of about `hours` in all on days drawn across the year, none taking an officer
    past a working day."""
    count = min(len(days), max(1, int(hours / MEAN_PIECE)))
    entries = []
    remaining = hours
    for day in sorted(rng.sample(days, count)):
        piece = min(rng.choice(PIECES), remaining)
        free = [o for o in officers if booked[(o.pk, day)] + piece <= DAY_CAPACITY]
        if piece <= 0 or not free:
            continue
        officer = rng.choice(free)
        booked[(officer.pk, day)] += piece
        remaining -= piece
        entries.append((officer, day, piece))
    return entries


def load(data):
    agreements = ServiceAgreement.objects.filter(
        year=YEAR, status=ServiceAgreement.Status.SIGNED
    ).select_related("customer__manager_unit")
    done = set(TimeEntry.objects.filter(date__year=YEAR).values_list("customer_id", "service_id"))
    booked = defaultdict(Decimal)
    for row in (
        TimeEntry.objects.filter(date__year=YEAR)
        .values("person_id", "date")
        .annotate(total=Sum("hours"))
    ):
        booked[(row["person_id"], row["date"])] = row["total"]
    officers_of = {}
    created = []
    for agreement in agreements:
        customer = agreement.customer
        for service, (estimate, days) in _in_force_days(customer.pk).items():
            if (customer.pk, service.pk) in done:
                continue
            unit = customer.manager_unit
            if unit.pk not in officers_of:
                officers_of[unit.pk] = _officers(unit, data["password"])
            # Seeded by the codes, so that every run of the demo tells the same story.
            rng = random.Random(f"{customer.code}-{service.code}-{YEAR}")
            hours_used = estimate * CALLED_OFF
            for officer, day, hours in _spread(hours_used, days, officers_of[unit.pk], booked, rng):
                created.append(
                    TimeEntry(
                        person=officer,
                        customer=customer,
                        service=service,
                        date=day,
                        hours=hours,
                        comment=_("Demo data"),
                        source=TimeEntry.Source.MANUAL,
                        created_by=officer,
                    )
                )
    # Without history records: the demo rows are nobody's change, and thousands of history rows
    # would double the time that every test loading the demo spends here.
    TimeEntry.objects.bulk_create(created, batch_size=1000)
    year_entries = TimeEntry.objects.filter(date__year=YEAR)
    total = year_entries.aggregate(hours=Sum("hours"))["hours"] or Decimal(0)
    return [
        _("Add-on hours %(year)s: %(count)s entries, %(hours)s hours in all.")
        % {"year": YEAR, "count": year_entries.count(), "hours": number_format(total, 1)}
    ]
