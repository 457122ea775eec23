"""Signed 2012 service agreements for the demo customers, with a few addenda during the year.

Idempotent: a customer that already has a 2012 agreement is left as it is, addenda included.
"""

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from customers.agreements.services import (
    ServiceTerms,
    addendum_create,
    agreement_create,
    agreement_sign,
)
from customers.models import AgreementAddendum, Customer, Service, ServiceAgreement
from ekonomi.workdays import add_working_days

YEAR = 2012

# Most districts buy accounting to reporting; reconciliations are common, fixed assets rare.
ADD_ONS = {
    "RIKI": ["R2R", "BAL", "INT", "BFO"],
    "SPTE": ["R2R", "BAL", "BFO"],
    "HAVA": ["R2R", "BAL", "INT", "TP"],
    "BROM": ["R2R", "BAL", "INT", "ANL"],
    "KUNG": ["R2R", "BAL", "INT"],
    "NORR": ["BAL", "INT", "BFO"],
    "OSTM": ["R2R", "BAL", "INT", "BFO"],
    "SODM": ["R2R", "BAL", "INT", "TP"],
    "EAV": ["R2R", "BAL", "INT", "BFO"],
    "SKAR": ["R2R", "BAL"],
    "FARS": ["R2R", "BAL", "INT"],
    "ALVS": ["BAL", "INT"],
    "HALI": ["R2R", "BAL", "INT", "ANL", "TP"],
    "SKHO": ["R2R", "BAL", "BFO"],
    "SLK": ["R2R", "BAL", "INT", "BFO"],
    "SERV": ["R2R", "BAL", "INT", "ANL", "BFO", "TP"],
    "UTB": ["R2R", "BAL", "INT", "TP"],
    "SOC": ["R2R", "BAL", "INT", "BFO"],
    "ALDR": ["BAL", "INT", "BFO"],
    "ARB": ["BAL", "INT", "TP"],
    "KULT": ["BAL", "ANL"],
    "IDR": ["BAL", "INT"],
    "MILJ": ["BAL"],
    "SBK": ["BAL", "INT", "TP"],
    "EXPL": ["R2R", "BAL", "ANL", "TP"],
    "FAST": ["R2R", "BAL", "INT", "ANL"],
    "TRAF": ["BAL", "INT", "ANL"],
    "OFN": [],
    "KYRK": ["BAL", "ANL"],
    "REV": [],
    "ARK": ["BAL"],
    "VAL": ["IB"],
    "KFK": [],
}

HOURS = {"R2R": 600, "BAL": 120, "INT": 60, "ANL": 150, "BFO": 200, "TP": 180, "IB": 24}

SCOPE = {
    "R2R": "Löpande bokföring, periodiseringar, månadsbokslut och årsbokslut.",
    "BAL": "Månadsvis avstämning av balanskonton med avvikelserapport.",
    "INT": "Avstämning av interna mellanhavanden inför tertial- och årsbokslut.",
    "ANL": "Aktivering, avskrivning och avstämning av anläggningsregistret.",
    "BFO": "Registrering av bokföringsorder och interndebiteringar enligt underlag.",
    "TP": "Uppläggning och uppföljning av projekt samt tidrapportering.",
    "IB": "Inläsning av ingående balanser vid årsskiftet.",
}

# (customer, action, service, effective date, estimated hours, signed on)
ADDENDA = [
    (
        "SKAR",
        AgreementAddendum.Action.ADD,
        "ANL",
        date(2012, 9, 1),
        Decimal("80"),
        date(2012, 8, 20),
    ),
    ("UTB", AgreementAddendum.Action.END, "TP", date(2012, 7, 1), None, date(2012, 6, 15)),
    (
        "KUNG",
        AgreementAddendum.Action.ADD,
        "BFO",
        date(2012, 4, 1),
        Decimal("60"),
        date(2012, 3, 22),
    ),
]

FIRST_NAMES = [
    "Anna", "Lars", "Karin", "Mikael", "Eva", "Johan", "Maria", "Per", "Kristina",
    "Anders", "Helena", "Magnus", "Sofia", "Peter", "Ulla", "Stefan", "Birgitta",
]  # fmt: skip
LAST_NAMES = [
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
    "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Lindberg", "Lindqvist",
    "Berg", "Holm", "Sjöberg", "Wallin", "Ekström",
]  # fmt: skip
OUR_SIGNATORY = "Margareta Holmström"


def _customer_signatory(index):
    return f"{FIRST_NAMES[index % len(FIRST_NAMES)]} {LAST_NAMES[index * 7 % len(LAST_NAMES)]}"


def _hours(code, index):
    # A spread of 60 % to 140 % of the typical volume, rounded as people estimate.
    factor = Decimal(6 + index * 7 % 9) / 10
    step = 10 if HOURS[code] >= 100 else 2
    return (Decimal(HOURS[code]) * factor / step).quantize(Decimal(1)) * step


def _add_addenda(agreement, services):
    for code, action, service_code, effective_date, hours, signed_on in ADDENDA:
        if code != agreement.customer.code:
            continue
        adding = action == AgreementAddendum.Action.ADD
        addendum_create(
            agreement=agreement,
            service=services[service_code],
            action=action,
            effective_date=effective_date,
            estimated_hours=hours,
            scope_note=SCOPE[service_code] if adding else "",
            signed_on=signed_on,
        )


def load(data):
    services = {service.code: service for service in Service.objects.all()}
    customers = {customer.code: customer for customer in Customer.objects.all()}
    for index, row in enumerate(data["customers"]):
        customer = customers[row["code"]]
        if ServiceAgreement.objects.filter(customer=customer, year=YEAR).exists():
            continue
        agreement = agreement_create(
            customer=customer,
            year=YEAR,
            services=[
                ServiceTerms(
                    service=services[code],
                    estimated_hours=_hours(code, index),
                    scope_note=SCOPE[code],
                )
                for code in ADD_ONS.get(customer.code, [])
            ],
        )
        agreement_sign(
            agreement=agreement,
            signed_on=add_working_days(date(YEAR - 1, 11, 30), 1 + index % 14),
            customer_signatory=_customer_signatory(index),
            our_signatory=OUR_SIGNATORY,
        )
        _add_addenda(agreement, services)
    agreements = ServiceAgreement.objects.filter(year=YEAR)
    return [
        _("Service agreements %(year)s: %(signed)s signed, %(addenda)s addenda.")
        % {
            "year": YEAR,
            "signed": agreements.filter(status=ServiceAgreement.Status.SIGNED).count(),
            "addenda": AgreementAddendum.objects.filter(agreement__in=agreements).count(),
        }
    ]
