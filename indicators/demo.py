"""Demo indicators for the 2012 plan: targets, 88 employees (84.5 FTE by employment) across
the four units and seven processes, the summer's and December's adjustments, phone statistics
and test calls for 2012, sick leave per unit and month, the plan's survey results for 2010 and
2011, a few volume plans for 2013, and the plan's commitments with the first tertial's
self-assessment (indicators/assessment/demo.py).

The staffing is sized against the demo volumes (1.6M customer and 1.025M supplier invoices a
year, about a quarter per unit), so that productivity lands near the targets, a little above
for some units and below for others. The survey's numbers of answers are invented: the plan
gives only the shares. Idempotent: each part is skipped once it is there.
"""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from customers.models import Process, Unit
from ekonomi.periods import Month, Year
from ekonomi.workdays import is_working_day
from indicators.assessment import demo as assessment_demo
from indicators.definitions import Direction, Indicator
from indicators.forecast.models import VolumePlan
from indicators.phone.models import PhoneImport, PhoneTraffic, TestCall
from indicators.sickleave.models import SickLeave
from indicators.staffing.models import Employee, FteAdjustment, ProcessShare
from indicators.surveys.models import CustomerSurveyResult, EmployeeSurvey
from indicators.targets.models import Target

YEAR = 2012
TARGETS = {
    Indicator.AP_PRODUCTIVITY: (Direction.HIGHER, Decimal(3300)),
    Indicator.AR_PRODUCTIVITY: (Direction.HIGHER, Decimal(4600)),
    Indicator.CUSTOMER_SATISFACTION: (Direction.HIGHER, Decimal(90)),
    Indicator.SICK_LEAVE: (Direction.LOWER, Decimal("4.5")),
    Indicator.NMI: (Direction.RISE, None),
    # The plan leaves the answer rate to the administrator; the demo sets one.
    Indicator.PHONE_ANSWER_RATE: (Direction.HIGHER, Decimal(90)),
}
# (unit, [(process shares), employment rate, number of people]). Unit managers lead and
# work in no process; E1 leads AR and CASH, E2 AP, E3 R2R and FA, E4 SYS and TP, but every
# unit handles its own customers' customer and supplier invoices.
STAFF = {
    "E1": [
        ({}, 100, 1),
        ({"AR": 100}, 100, 7),
        ({"AR": 100}, 50, 1),
        ({"AP": 100}, 100, 7),
        ({"CASH": 100}, 100, 6),
        ({"CASH": 100}, 50, 1),
    ],
    "E2": [
        ({}, 100, 1),
        ({"AR": 100}, 100, 7),
        ({"AP": 100}, 100, 6),
        ({"R2R": 100}, 100, 2),
        ({"TP": 100}, 100, 1),
    ],
    "E3": [
        ({}, 100, 1),
        ({"AR": 100}, 100, 7),
        ({"AP": 100}, 100, 6),
        ({"AP": 100}, 50, 1),
        ({"R2R": 100}, 100, 7),
        ({"R2R": 50, "FA": 50}, 100, 1),
        ({"FA": 100}, 100, 2),
        ({"FA": 100}, 50, 1),
    ],
    "E4": [
        ({}, 100, 1),
        ({"AR": 100}, 100, 7),
        ({"AR": 100}, 50, 1),
        ({"AP": 100}, 100, 6),
        ({"AP": 100}, 50, 1),
        ({"SYS": 100}, 100, 3),
        ({"SYS": 100}, 50, 1),
        ({"TP": 100}, 100, 2),
    ],
}
FIRST_NAMES = (
    "Anna",
    "Lars",
    "Maria",
    "Karl",
    "Eva",
    "Per",
    "Karin",
    "Johan",
    "Sara",
    "Anders",
    "Lena",
    "Mikael",
    "Emma",
    "Erik",
    "Ida",
    "Nils",
    "Sofia",
    "Olof",
    "Elin",
    "Jonas",
    "Helena",
    "Magnus",
)
LAST_NAMES = (
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
)
# The plan's customer survey, 2011 and (2010), share satisfied; the overall question is the
# indicator. "Contact, dialogue and service level 85-86 % (86-87 %)" is split in two.
SURVEY = [
    ("Tillgänglighet per telefon", 86, 81),
    ("Tillgänglighet per e-post", 91, 90),
    ("Kontakt och dialog", 86, 87),
    ("Servicenivå", 85, 86),
    ("Tar sig tid med mitt ärende", 88, 88),
    ("Muntlig information", 85, 84),
    ("Information på intranätet", 72, 76),
    ("Svar och snabb service", 85, 83),
    ("Vägledning och hjälp", 82, 82),
    ("Enheten som helhet", 82, 80),
]
OVERALL = "Enheten som helhet"
ANSWERS = {2010: 212, 2011: 236}
NMI = {2010: Decimal(76), 2011: Decimal(72)}
SICK_LEAVE_BASE = {"E1": 4.4, "E2": 4.9, "E3": 4.1, "E4": 4.7}
PHONE_FILE = "demo-telefoni-2012.csv"
HOURS = range(8, 17)
# Calls per hour of the day: the morning and just after lunch are busiest.
HOUR_WEIGHT = {8: 0.9, 9: 1.4, 10: 1.3, 11: 1.0, 12: 0.6, 13: 1.2, 14: 1.0, 15: 0.8, 16: 0.5}


def _targets():
    for indicator, (direction, value) in TARGETS.items():
        Target.objects.get_or_create(
            indicator=indicator, year=YEAR, defaults={"direction": direction, "value": value}
        )
    return [_("Targets %(year)s: %(n)s indicators.") % {"year": YEAR, "n": len(TARGETS)}]


def _employees(units, processes):
    if Employee.objects.exists():
        return
    names = (f"{first} {last}" for last in LAST_NAMES for first in FIRST_NAMES)
    rng = random.Random("staff-2012")
    for code, groups in STAFF.items():
        for shares, rate, count in groups:
            for _n in range(count):
                employee = Employee.objects.create(
                    name=next(names),
                    unit=units[code],
                    employment_rate=Decimal(rate),
                    start=date(rng.randint(1998, 2011), rng.randint(1, 12), 1),
                )
                for process, share in shares.items():
                    ProcessShare.objects.create(
                        employee=employee, process=processes[process], share=Decimal(share)
                    )
    # One leaves at the end of September and a successor starts on 1 October.
    leaving = Employee.objects.filter(unit=units["E2"], shares__process__code="AP").first()
    leaving.end = date(YEAR, 9, 30)
    leaving.save()
    successor = Employee.objects.create(
        name="Alva Lindqvist",
        unit=units["E2"],
        employment_rate=Decimal(100),
        start=date(YEAR, 10, 1),
    )
    ProcessShare.objects.create(employee=successor, process=processes["AP"], share=Decimal(100))


ABSENCE, SUMMER_TEMP, PEAK = (
    FteAdjustment.Kind.ABSENCE,
    FteAdjustment.Kind.SUMMER_TEMP,
    FteAdjustment.Kind.PEAK,
)


def _adjustments(units, processes):
    if FteAdjustment.objects.exists():
        return
    rows = []
    for year in (YEAR, YEAR + 1):
        july, december = date(year, 7, 1), date(year, 12, 1)
        for code in STAFF:
            for process in ("AR", "AP"):
                rows.append((code, process, july, ABSENCE, Decimal("-3.00"), "Semester"))
            rows.append((code, "AP", july, SUMMER_TEMP, Decimal("1.00"), "Sommarvikarie"))
            # December's volumes run a quarter above an average month.
            rows.append((code, "AR", december, PEAK, Decimal("1.50"), "Toppförstärkning"))
            rows.append((code, "AP", december, PEAK, Decimal("1.00"), "Toppförstärkning"))
    FteAdjustment.objects.bulk_create(
        FteAdjustment(unit=units[c], process=processes[p], month=m, kind=k, fte=f, comment=t)
        for c, p, m, k, f, t in rows
    )


def _phone(units):
    if PhoneImport.objects.filter(file_name=PHONE_FILE).exists():
        return
    rng = random.Random("phone-2012")
    demo_import = PhoneImport.objects.create(
        file_name=PHONE_FILE, first_day=date(YEAR, 1, 2), last_day=date(YEAR, 12, 31)
    )
    rows = []
    day = date(YEAR, 1, 1)
    while day.year == YEAR:
        if is_working_day(day):
            summer = 0.6 if day.month == 7 else 1.0
            for unit in units.values():
                for hour in HOURS:
                    offered = round(rng.uniform(9, 15) * HOUR_WEIGHT[hour] * summer)
                    answered = min(offered, round(offered * rng.uniform(0.80, 0.95)))
                    rows.append(
                        PhoneTraffic(
                            phone_import=demo_import,
                            unit=unit,
                            day=day,
                            hour=hour,
                            offered=offered,
                            answered=answered,
                            abandoned=offered - answered,
                            average_wait=rng.randint(20, 75),
                            longest_wait=rng.randint(120, 480),
                        )
                    )
        day += timedelta(days=1)
    PhoneTraffic.objects.bulk_create(rows, batch_size=2000)
    demo_import.rows = len(rows)
    demo_import.save(update_fields=["rows"])


def _test_calls(units):
    if TestCall.objects.exists():
        return
    rng = random.Random("test-calls-2012")
    calls = []
    for month in Year(YEAR).months():
        for unit in units.values():
            for _n in range(2):
                day = month.start + timedelta(days=rng.randint(0, 27))
                while not is_working_day(day):
                    day += timedelta(days=1)
                answered = rng.random() < 0.88
                called_at = datetime.combine(day, time(rng.randint(8, 15), rng.randint(0, 59)))
                calls.append(
                    TestCall(
                        unit=unit,
                        number=unit.phone,
                        called_at=timezone.make_aware(called_at),
                        answered=answered,
                        wait_seconds=rng.randint(5, 90) if answered else None,
                        note="" if answered else "Ingen svarade inom två minuter",
                    )
                )
    TestCall.objects.bulk_create(calls)


def _sick_leave(units):
    rng = random.Random("sick-leave-2012")
    for code, unit in units.items():
        for month in Year(YEAR).months():
            # Winter months run higher, summer lower.
            season = 0.8 if month.month in (6, 7, 8) else 1.15 if month.month in (1, 2, 12) else 1
            value = Decimal(str(round(SICK_LEAVE_BASE[code] * season * rng.uniform(0.9, 1.1), 1)))
            SickLeave.objects.get_or_create(
                unit=unit, month=month.start, defaults={"percent": value}
            )


def _surveys():
    for position, (question, y2011, y2010) in enumerate(SURVEY, start=1):
        for year, share in ((2010, y2010), (2011, y2011)):
            CustomerSurveyResult.objects.get_or_create(
                year=year,
                question=question,
                defaults={
                    "position": position,
                    "satisfied": Decimal(share),
                    "answers": ANSWERS[year],
                    "is_overall": question == OVERALL,
                },
            )
    for year, nmi in NMI.items():
        EmployeeSurvey.objects.get_or_create(year=year, defaults={"nmi": nmi})


def _plans(units, processes):
    # A new district's invoices arrive in March 2013; the forecast should show the need.
    for code, process, month, volume, comment in (
        ("E1", "AR", Month(YEAR + 1, 3), 44_000, "Ny kund från mars"),
        ("E2", "AP", Month(YEAR + 1, 3), 26_000, "E-faktura införs"),
    ):
        VolumePlan.objects.get_or_create(
            unit=units[code],
            process=processes[process],
            month=month.start,
            defaults={"volume": volume, "comment": comment},
        )


def load(data, *, activity):
    lines = _targets() + assessment_demo.load(activity=activity)
    if not activity:
        return lines
    units = {u.code: u for u in Unit.objects.all()}
    processes = {p.code: p for p in Process.objects.all()}
    with transaction.atomic():
        _employees(units, processes)
        _adjustments(units, processes)
        _phone(units)
        _test_calls(units)
        _sick_leave(units)
        _surveys()
        _plans(units, processes)
    fte = sum(e.employment_rate for e in Employee.objects.filter(end__isnull=True)) / 100
    lines.append(
        _("Staffing: %(people)s employees, %(fte)s FTE by employment.")
        % {
            "people": Employee.objects.filter(end__isnull=True).count(),
            "fte": number_format(fte, decimal_pos=1),
        }
    )
    return lines
