"""factory_boy factories for tests that need a few objects, not the demo organisation.

Codes are sequences that the demo never uses (F001, F002 …), so a factory's objects sit beside
the session's demo organisation without colliding with it.
"""

from datetime import date
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from customers.models import (
    AgreementService,
    Customer,
    Process,
    Service,
    ServiceAgreement,
    Unit,
    User,
)
from ekonomi.access import Role
from invoicing.prices.models import PriceItem, PriceList

PASSWORD = "ekonomi2012"


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"U{n:03d}")
    name = factory.LazyAttribute(lambda unit: f"Enhet {unit.code}")
    phone = "08-508 000 00"


class ProcessFactory(DjangoModelFactory):
    class Meta:
        model = Process
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"P{n:03d}")
    name = factory.LazyAttribute(lambda process: f"Process {process.code}")
    unit = factory.SubFactory(UnitFactory)


class ServiceFactory(DjangoModelFactory):
    class Meta:
        model = Service
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"S{n:03d}")
    name = factory.LazyAttribute(lambda service: f"Tjänst {service.code}")
    process = factory.SubFactory(ProcessFactory)
    is_mandatory = False
    default_lead_time_days = 5


class CustomerFactory(DjangoModelFactory):
    class Meta:
        model = Customer
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"F{n:03d}")
    name = factory.LazyAttribute(lambda customer: f"{customer.code} förvaltning")
    kind = Customer.Kind.SPECIALIST
    manager_unit = factory.SubFactory(UnitFactory)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Person {n}")
    role = Role.OFFICER
    unit = factory.SubFactory(UnitFactory)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(user, create, extracted, **kwargs):
        if create:
            user.save()


class AgreementFactory(DjangoModelFactory):
    """A signed agreement; pass `services=[service, …]` to include them."""

    class Meta:
        model = ServiceAgreement
        skip_postgeneration_save = True

    customer = factory.SubFactory(CustomerFactory)
    year = 2012
    status = ServiceAgreement.Status.SIGNED
    signed_on = factory.LazyAttribute(lambda agreement: date(agreement.year - 1, 12, 15))
    customer_signatory = "Kim Kund"
    our_signatory = "Vera Verksamhetschef"

    @factory.post_generation
    def services(agreement, create, extracted, **kwargs):
        for service in extracted or []:
            AgreementService.objects.create(agreement=agreement, service=service, lead_time_days=5)


class PriceListFactory(DjangoModelFactory):
    class Meta:
        model = PriceList
        django_get_or_create = ["year"]

    year = 2012


class PriceItemFactory(DjangoModelFactory):
    class Meta:
        model = PriceItem
        django_get_or_create = ["price_list", "code"]

    price_list = factory.SubFactory(PriceListFactory)
    code = factory.Sequence(lambda n: f"X-{n:03d}")
    name = factory.LazyAttribute(lambda item: f"Prispost {item.code}")
    unit = PriceItem.Unit.INVOICE
    price = Decimal("10.00")
