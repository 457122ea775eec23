from datetime import date

from django.db.models import Prefetch, Sum
from django.db.models.functions import TruncMonth

from customers.agreements.selectors import agreement_services_on, services_in_force
from customers.models import (
    AgreementAddendum,
    AgreementService,
    Customer,
    Service,
    ServiceAgreement,
    User,
)
from ekonomi import access
from ekonomi.access import Role
from ekonomi.periods import Week
from invoicing.timereport.models import TimeEntry


def display_name(user) -> str:
    return user.get_full_name() or user.username


def may_report_for(*, actor, person) -> bool:
    """Case officers report their own hours, unit managers their unit's, administrators anyone's."""
    if not (person.is_active and person.role in Role.unit_roles()):
        return False
    if actor.role == Role.ADMIN:
        return True
    if actor.role == Role.UNIT_MANAGER:
        return person.unit_id is not None and person.unit_id == actor.unit_id
    return actor.role == Role.OFFICER and actor.pk == person.pk


def reportable_people(*, actor):
    people = User.objects.filter(is_active=True, role__in=Role.unit_roles())
    if actor.role == Role.UNIT_MANAGER:
        people = people.filter(unit_id=actor.unit_id)
    elif actor.role == Role.OFFICER:
        people = people.filter(pk=actor.pk)
    elif actor.role != Role.ADMIN:
        people = people.none()
    return people.select_related("unit").order_by("first_name", "last_name", "username")


def add_ons_on(*, customer_id: int, on: date) -> set[int]:
    """Ids of the add-on services in the customer's agreement on that day, addenda included."""
    in_force = agreement_services_on(customer_id=customer_id, on=on)
    return {service_id for service_id, item in in_force.items() if item.is_add_on}


def add_on_choices(*, week: Week) -> list[tuple[Customer, Service]]:
    """(customer, service) pairs that may carry hours on some day of the week: the grid's rows."""
    # The signed agreements of the week's years with their rows prefetched, folded per day by
    # services_in_force: three queries instead of two per customer and day.
    agreements = (
        ServiceAgreement.objects.filter(
            year__in={day.year for day in week.days},
            status=ServiceAgreement.Status.SIGNED,
            customer__is_active=True,
        )
        .select_related("customer")
        .prefetch_related(
            Prefetch("services", queryset=AgreementService.objects.select_related("service")),
            Prefetch("addenda", queryset=AgreementAddendum.objects.select_related("service")),
        )
    )
    by_year = {}
    for agreement in agreements:
        by_year.setdefault(agreement.year, []).append(agreement)
    pairs = {}
    for day in week.days:
        for agreement in by_year.get(day.year, []):
            for item in services_in_force(agreement=agreement, on=day).values():
                if item.is_add_on:
                    pairs[(agreement.customer_id, item.service.pk)] = (
                        agreement.customer,
                        item.service,
                    )
    return sorted(pairs.values(), key=lambda pair: (pair[0].code, pair[1].sort_order))


def week_entries(*, person, week: Week):
    return TimeEntry.objects.filter(
        person=person, date__gte=week.start, date__lt=week.end
    ).select_related("customer", "service")


def time_entries(*, user):
    return access.scope(
        TimeEntry.objects.select_related("person", "customer", "service", "created_by"), user
    )


def time_entry_get(*, user, pk: int) -> TimeEntry:
    return access.get_scoped_or_404(
        TimeEntry.objects.select_related("person", "customer", "service"), user, pk=pk
    )


def time_customer_get(*, user, code: str) -> Customer:
    return access.get_scoped_or_404(Customer.objects.all(), user, "pk", code=code)


SUMMARY_GROUPS = {
    "customer": ["customer__code", "customer__name"],
    "person": ["person__username", "person__first_name", "person__last_name"],
    "service": ["service__code", "service__name"],
}


def time_summary(*, entries, groups: list[str]):
    """Hours per month and per the chosen groups (customer, person, service)."""
    fields = [field for group in groups for field in SUMMARY_GROUPS[group]]
    return (
        entries.annotate(month=TruncMonth("date"))
        .values("month", *fields)
        .annotate(hours=Sum("hours"))
        .order_by("-month", *fields)
    )
