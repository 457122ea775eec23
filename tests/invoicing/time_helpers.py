"""Set-up shared by the time-reporting tests: a customer of their own with a signed agreement,
so that the tests do not depend on which agreements the demo signs."""

from datetime import date
from decimal import Decimal

from customers.models import (
    AgreementAddendum,
    AgreementService,
    Customer,
    Service,
    ServiceAgreement,
    Unit,
)
from invoicing.models import TimeEntry

ADD = AgreementAddendum.Action.ADD
END = AgreementAddendum.Action.END


def service(code):
    return Service.objects.get(code=code)


def new_customer(code="TIDA", unit="E1", active=True):
    return Customer.objects.create(
        code=code,
        name=f"{code} förvaltning",
        kind=Customer.Kind.SPECIALIST,
        manager_unit=Unit.objects.get(code=unit),
        is_active=active,
    )


def sign_agreement(customer, services=("R2R", "TP"), addenda=(), year=2012):
    """A signed agreement with `services` (plus the mandatory KR) and (action, code, date)
    addenda."""
    agreement = ServiceAgreement.objects.create(
        customer=customer,
        year=year,
        status=ServiceAgreement.Status.SIGNED,
        signed_on=date(year - 1, 12, 15),
        customer_signatory="Kim Kund",
        our_signatory="Vera Verksamhetschef",
    )
    for code in ("KR", *services):
        AgreementService.objects.create(
            agreement=agreement, service=service(code), lead_time_days=5
        )
    for action, code, effective in addenda:
        AgreementAddendum.objects.create(
            agreement=agreement,
            service=service(code),
            action=action,
            effective_date=effective,
            lead_time_days=5 if action == ADD else None,
        )
    return agreement


def entry(person, customer, code, day, hours, **fields):
    """Stored as it stands, without the rules: for tests about reading and scoping."""
    return TimeEntry.objects.create(
        person=person,
        customer=customer,
        service=service(code),
        date=day,
        hours=Decimal(hours),
        created_by=person,
        **fields,
    )
