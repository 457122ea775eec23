from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Prefetch, Q

from customers.models import AgreementAddendum, AgreementService, Service, ServiceAgreement
from ekonomi import access


@dataclass(frozen=True)
class ServiceInForce:
    """One service as it applies on a date: the base agreement's terms or an addendum's."""

    service: Service
    lead_time_days: int
    interface_text: str
    estimated_hours: Decimal | None
    scope_note: str
    # The effective date of the addendum that added the service; None when the agreement
    # itself has it from 1 January.
    since: date | None = None

    @property
    def is_add_on(self):
        return not self.service.is_mandatory


def _catalogue_order(item):
    service = item.service
    return (not service.is_mandatory, service.sort_order, service.code)


def _fold(rows, addenda, on):
    in_force = {
        row.service_id: ServiceInForce(
            service=row.service,
            lead_time_days=row.lead_time_days,
            interface_text=row.interface_text,
            estimated_hours=row.estimated_hours,
            scope_note=row.scope_note,
        )
        for row in rows
    }
    for addendum in sorted(addenda, key=lambda a: (a.effective_date, a.pk)):
        if addendum.effective_date > on:
            break
        if addendum.action == AgreementAddendum.Action.END:
            in_force.pop(addendum.service_id, None)
        else:
            in_force[addendum.service_id] = ServiceInForce(
                service=addendum.service,
                lead_time_days=addendum.lead_time_days,
                interface_text=addendum.interface_text,
                estimated_hours=addendum.estimated_hours,
                scope_note=addendum.scope_note,
                since=addendum.effective_date,
            )
    return {item.service.pk: item for item in sorted(in_force.values(), key=_catalogue_order)}


def services_in_force(*, agreement: ServiceAgreement, on: date) -> dict[int, ServiceInForce]:
    """What `agreement` (draft or signed) contains on `on`; reads prefetched rows if present."""
    return _fold(agreement.services.all(), agreement.addenda.all(), on)


def agreement_services_on(*, customer_id: int, on: date) -> dict[int, ServiceInForce]:
    """The services in force for a customer on a date, keyed by service id, catalogue order.

    Only a signed agreement for `on.year` is in force; without one the dict is empty. The
    addenda effective on or before `on` are folded in. Two queries whatever the size of the
    agreement, so that `service_id in agreement_services_on(...)` is cheap enough per row;
    a caller checking many rows for the same customer and day should keep the result.
    """
    signed = Q(
        agreement__customer_id=customer_id,
        agreement__year=on.year,
        agreement__status=ServiceAgreement.Status.SIGNED,
    )
    rows = AgreementService.objects.filter(signed).select_related("service")
    addenda = AgreementAddendum.objects.filter(signed, effective_date__lte=on).select_related(
        "service"
    )
    return _fold(rows, addenda, on)


def _with_terms(queryset):
    return queryset.select_related("customer__manager_unit").prefetch_related(
        Prefetch("services", queryset=AgreementService.objects.select_related("service")),
        Prefetch("addenda", queryset=AgreementAddendum.objects.select_related("service")),
    )


def agreement_for(*, user, code: str, year: int) -> ServiceAgreement:
    return access.get_scoped_or_404(
        _with_terms(ServiceAgreement.objects.all()),
        user,
        "customer",
        customer__code=code,
        year=year,
    )


def agreement_list(*, user):
    add_ons = AgreementService.objects.filter(service__is_mandatory=False).select_related("service")
    return access.scope(
        ServiceAgreement.objects.select_related("customer__manager_unit")
        .annotate(addendum_count=Count("addenda"))
        .prefetch_related(Prefetch("services", queryset=add_ons, to_attr="add_on_rows")),
        user,
        "customer",
    )


def agreement_years() -> list[int]:
    return list(
        ServiceAgreement.objects.order_by("-year").values_list("year", flat=True).distinct()
    )


@dataclass(frozen=True)
class AgreementSummary:
    year: int
    on: date
    agreement: ServiceAgreement | None
    services: list[ServiceInForce]
    addenda: list[AgreementAddendum]


def agreement_summary(*, customer, on: date) -> AgreementSummary:
    """The customer's agreement for the year of `on`, as the customer page shows it; when that
    year has none yet, the latest earlier agreement as it stood at its year's end."""
    agreement = _with_terms(
        ServiceAgreement.objects.filter(customer=customer, year__lte=on.year).order_by("-year")
    ).first()
    if agreement is None:
        return AgreementSummary(year=on.year, on=on, agreement=None, services=[], addenda=[])
    on = min(on, date(agreement.year, 12, 31))
    return AgreementSummary(
        year=agreement.year,
        on=on,
        agreement=agreement,
        services=list(services_in_force(agreement=agreement, on=on).values()),
        addenda=list(agreement.addenda.all()),
    )
