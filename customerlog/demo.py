"""A demo year (2012) of the customer log and customer meetings, four meetings a customer.

Seeded, so every run draws the same year; a year that already has entries or meetings is
left alone, so a rerun adds nothing.
"""

import random
from datetime import date, timedelta

from django.utils.translation import gettext as _

from customerlog.models import LogEntry, Meeting, MeetingAction, MeetingPlan
from customers.models import Customer, User
from ekonomi.access import Role
from ekonomi.workdays import add_working_days, is_working_day

YEAR = 2012
PLANNED_MEETINGS = 4
# One meeting a tertial and one before the agreement for next year, as in 2011.
MEETING_MONTHS = (2, 5, 9, 11)

LOG_SUBJECTS = {
    "phone": [
        (
            "Fråga om fakturastatus",
            "Kunden undrade varför en leverantörsfaktura inte betalats. "
            "Fakturan låg för attest hos förvaltningen; förklarade flödet.",
        ),
        (
            "Påminnelse till kund",
            "Kunden ville veta hur påminnelser skickas ut. Förklarade "
            "rutinen och hänvisade till serviceavtalet.",
        ),
        ("Fråga om kontering", "Hjälpte kunden med kontering av en faktura på projekt."),
        ("Bokslutsfrågor", "Stämde av tidplanen för tertialbokslutet med controllern."),
    ],
    "email": [
        ("Nya attestanter", "Kunden skickade en uppdaterad attestförteckning; den är inlagd."),
        ("Ändrad fakturaadress", "Kunden meddelade ny fakturaadress för en leverantör."),
        ("Underlag för interndebitering", "Mottagit underlag för interndebitering av lokaler."),
    ],
    "meeting": [
        ("Avstämning med ekonomichef", "Kort avstämning om volymer och kommande förändringar."),
    ],
    "event": [
        ("Informationsträff om e-faktura", "Kunden deltog i vår träff om elektroniska fakturor."),
        ("Utbildning i Agresso", "Två nya attestanter gick grundutbildningen."),
    ],
    "information": [
        ("Information om brytdagar", "Skickade brytdagarna för årets bokslut till kunden."),
        ("Nya priser 2012", "Informerade om prislistan 2012 och tilläggstjänsterna."),
    ],
}
KIND_WEIGHTS = {"phone": 5, "email": 4, "meeting": 1, "event": 1, "information": 2}
MINUTES = {
    "agreement": "Serviceavtalet följdes upp. Ledtiderna för leverantörsfakturor hålls; "
    "kundreskontran hade en topp i mars.",
    "deliveries": "Leveranser och kvalitet: andelen återsända underlag har minskat, men "
    "attest saknas fortfarande oftast.",
    "survey": "Kundenkätens resultat gicks igenom. Kunden är nöjd med bemötandet och vill ha "
    "bättre information på intranätet.",
    "improvements": "Förbättringar: fler fakturor via försystem och e-faktura från de största "
    "leverantörerna.",
}
ACTIONS = [
    "Skicka statistik över återsända underlag per orsak",
    "Boka utbildning för nya attestanter",
    "Uppdatera kontaktuppgifterna på intranätet",
    "Ta fram förslag på fler abonnemangsfakturor",
    "Följa upp ledtiderna för manuella fakturor",
]


def _staff(unit):
    people = list(
        User.objects.filter(unit=unit, role__in=Role.unit_roles(), is_active=True).order_by(
            "username"
        )
    )
    return people or list(User.objects.filter(role__in=Role.unit_roles()).order_by("username"))


def _working_day(rng, year, month):
    while True:
        day = date(year, month, rng.randint(1, 28))
        if is_working_day(day):
            return day


def _entries(rng, customer, people):
    kinds = list(KIND_WEIGHTS)
    for month in range(1, 13):
        for _n in range(rng.randint(2, 4)):
            kind = rng.choices(kinds, weights=list(KIND_WEIGHTS.values()))[0]
            subject, text = rng.choice(LOG_SUBJECTS[kind])
            day = _working_day(rng, YEAR, month)
            author = rng.choice(people)
            entry = LogEntry(
                customer=customer,
                date=day,
                kind=kind,
                subject=subject,
                text=text,
                author=author,
                internal=rng.random() < 0.15,
            )
            if rng.random() < 0.2:
                entry.follow_up_on = add_working_days(day, rng.randint(2, 10))
                entry.follow_up_owner = author
                # Followed up in time, except what was still open at the end of the year.
                if entry.follow_up_on < date(YEAR, 12, 10):
                    entry.follow_up_done_on = entry.follow_up_on
            yield entry


def _meetings(rng, customer, people, creator):
    # Every seventh customer lost its autumn meeting: the page of held against planned shows it.
    cancelled = customer.pk % 7 == 0
    for month in MEETING_MONTHS:
        day = _working_day(rng, YEAR, month)
        status = Meeting.Status.CANCELLED if cancelled and month == 9 else Meeting.Status.HELD
        agenda = rng.sample(list(MINUTES), k=rng.randint(2, 4))
        contact = customer.contact_person or creator
        meeting = Meeting.objects.create(
            customer=customer,
            date=day,
            status=status,
            place=_("At the customer") if rng.random() < 0.6 else _("At our office"),
            participants=f"{contact.get_full_name()}, ekonomichef och controller på "
            f"{customer.name}",
            agenda=agenda,
            minutes=""
            if status != Meeting.Status.HELD
            else "\n\n".join(MINUTES[t] for t in agenda),
            created_by=creator,
        )
        if status != Meeting.Status.HELD:
            continue
        for description in rng.sample(ACTIONS, k=rng.randint(1, 2)):
            due = day + timedelta(days=rng.choice([14, 21, 30]))
            MeetingAction.objects.create(
                meeting=meeting,
                description=description,
                owner=rng.choice(people),
                due_on=due,
                closed_on=due if month != 11 or rng.random() < 0.5 else None,
            )


def load(data):
    rng = random.Random(YEAR * 31)
    customers = list(Customer.objects.filter(is_active=True).select_related("manager_unit"))
    for customer in customers:
        MeetingPlan.objects.get_or_create(
            customer=customer, year=YEAR, defaults={"planned": PLANNED_MEETINGS}
        )
    if not LogEntry.objects.filter(date__year=YEAR).exists():
        LogEntry.objects.bulk_create(
            entry
            for customer in customers
            for entry in _entries(rng, customer, _staff(customer.manager_unit))
        )
    if not Meeting.objects.filter(date__year=YEAR).exists():
        for customer in customers:
            people = _staff(customer.manager_unit)
            _meetings(rng, customer, people, people[0])
    return [
        _("%(entries)s log entries and %(meetings)s customer meetings in %(year)s.")
        % {
            "entries": LogEntry.objects.filter(date__year=YEAR).count(),
            "meetings": Meeting.objects.filter(date__year=YEAR).count(),
            "year": YEAR,
        }
    ]
