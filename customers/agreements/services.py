from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from customers.agreements.selectors import services_in_force
from customers.models import (
    AgreementAddendum,
    AgreementService,
    Customer,
    Service,
    ServiceAgreement,
)
from ekonomi.periods import Year

SIGNED = ServiceAgreement.Status.SIGNED
ADD = AgreementAddendum.Action.ADD
END = AgreementAddendum.Action.END


@dataclass(frozen=True)
class ServiceTerms:
    """A service chosen for an agreement; None takes the catalogue's lead time or interface."""

    service: Service
    lead_time_days: int | None = None
    interface_text: str | None = None
    estimated_hours: Decimal | None = None
    scope_note: str = ""

    @classmethod
    def of(cls, terms):
        """The same terms, read from an agreement row or a `ServiceInForce`."""
        return cls(
            service=terms.service,
            lead_time_days=terms.lead_time_days,
            interface_text=terms.interface_text,
            estimated_hours=terms.estimated_hours,
            scope_note=terms.scope_note,
        )


def _on_year(error):
    # The only rule spanning the agreement's fields is one agreement per customer and year;
    # the customer comes from the page, so the year is what the user has to change.
    errors = dict(error.error_dict)
    if NON_FIELD_ERRORS in errors:
        errors.setdefault("year", []).extend(errors.pop(NON_FIELD_ERRORS))
    return ValidationError(errors)


def _fill(row, terms):
    service = terms.service
    # Hours and scope describe work bought by the hour; mandatory services are priced per
    # transaction, so they carry neither.
    add_on = not service.is_mandatory
    if terms.lead_time_days is None:
        row.lead_time_days = service.default_lead_time_days
    else:
        row.lead_time_days = terms.lead_time_days
    row.interface_text = (
        service.interface_text if terms.interface_text is None else terms.interface_text
    )
    row.estimated_hours = terms.estimated_hours if add_on else None
    row.scope_note = terms.scope_note if add_on else ""
    return row


def _save_rows(agreement, terms: Iterable[ServiceTerms]):
    existing = {row.service_id: row for row in agreement.services.select_related("service")}
    chosen = {t.service.pk: t for t in terms}
    # Mandatory services are always in the agreement: one left out keeps its current terms,
    # or gets the catalogue's when the agreement does not have it yet.
    for service in Service.objects.filter(is_mandatory=True):
        if service.pk not in chosen:
            current = existing.get(service.pk)
            chosen[service.pk] = ServiceTerms(service=service) if current is None else current
    for service_id, terms_for_service in chosen.items():
        row = existing.pop(service_id, None) or AgreementService(
            agreement=agreement, service=terms_for_service.service
        )
        _fill(row, terms_for_service)
        try:
            row.full_clean()
        except ValidationError as error:
            raise ValidationError(
                [f"{row.service.name}: {message}" for message in error.messages]
            ) from None
        row.save()
    for dropped in existing.values():
        dropped.delete()


@transaction.atomic
def agreement_create(
    *,
    customer: Customer,
    year: int,
    services: Iterable[ServiceTerms] = (),
    note: str = "",
) -> ServiceAgreement:
    """A draft agreement with every mandatory service and the chosen add-ons."""
    agreement = ServiceAgreement(customer=customer, year=year, note=note)
    try:
        agreement.full_clean()
    except ValidationError as error:
        raise _on_year(error) from None
    agreement.save()
    _save_rows(agreement, services)
    return agreement


@transaction.atomic
def agreement_update(
    *, agreement: ServiceAgreement, services: Iterable[ServiceTerms], note: str = ""
) -> ServiceAgreement:
    """Replace a draft's add-ons and terms; add-ons not in `services` leave the agreement."""
    if agreement.status == SIGNED:
        raise ValidationError(
            _("A signed agreement cannot be changed; record the change as an addendum.")
        )
    agreement.note = note
    agreement.full_clean()
    agreement.save()
    _save_rows(agreement, services)
    return agreement


@transaction.atomic
def agreement_sign(
    *,
    agreement: ServiceAgreement,
    signed_on: date,
    customer_signatory: str,
    our_signatory: str,
) -> ServiceAgreement:
    if agreement.status == SIGNED:
        raise ValidationError(_("The agreement is already signed."))
    agreement.status = SIGNED
    agreement.signed_on = signed_on
    agreement.customer_signatory = customer_signatory.strip()
    agreement.our_signatory = our_signatory.strip()
    agreement.full_clean()
    agreement.save()
    return agreement


def _sequence_error(addendum, new):
    context = {"service": addendum.service.name, "date": addendum.effective_date.isoformat()}
    if addendum is not new:
        return _("It would contradict the later addendum from %(date)s for %(service)s.") % context
    if addendum.action == ADD:
        return _("%(service)s is already in force on %(date)s.") % context
    return _("%(service)s is not in force on %(date)s, so it cannot be ended.") % context


def _check_sequence(agreement, new):
    # Replays the service's addenda in date order with the new one in place: the new
    # addendum must fit the state on its date and must not contradict a later addendum.
    in_force = agreement.services.filter(service=new.service).exists()
    timeline = sorted(
        [*agreement.addenda.filter(service=new.service), new],
        key=lambda a: (a.effective_date, a.pk is None, a.pk or 0),
    )
    for addendum in timeline:
        adding = addendum.action == ADD
        if adding == in_force:
            raise ValidationError({"service": _sequence_error(addendum, new)})
        in_force = adding


@transaction.atomic
def addendum_create(
    *,
    agreement: ServiceAgreement,
    service: Service,
    action: str,
    effective_date: date,
    lead_time_days: int | None = None,
    interface_text: str | None = None,
    estimated_hours: Decimal | None = None,
    scope_note: str = "",
    signed_on: date | None = None,
) -> AgreementAddendum:
    """Add or end an add-on service from a date in the agreement's year."""
    # Locked so that two addenda for the same service cannot both pass the sequence check.
    agreement = ServiceAgreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != SIGNED:
        raise ValidationError(
            _("Addenda are made to signed agreements; change the draft itself instead.")
        )
    if effective_date not in Year(agreement.year):
        raise ValidationError(
            {
                "effective_date": _("The effective date must be in %(year)s, the agreement's year.")
                % {"year": agreement.year}
            }
        )
    if service.is_mandatory and action == END:
        raise ValidationError(
            {
                "service": _("%(service)s is a mandatory service and cannot be ended.")
                % {"service": service.name}
            }
        )
    adding = action == ADD
    addendum = AgreementAddendum(
        agreement=agreement,
        service=service,
        action=action,
        effective_date=effective_date,
        signed_on=signed_on,
    )
    if adding:
        addendum.lead_time_days = (
            service.default_lead_time_days if lead_time_days is None else lead_time_days
        )
        addendum.interface_text = (
            service.interface_text if interface_text is None else interface_text
        )
        addendum.estimated_hours = estimated_hours
        addendum.scope_note = scope_note
    addendum.full_clean()
    _check_sequence(agreement, addendum)
    addendum.save()
    return addendum


class SkipReason(models.TextChoices):
    INACTIVE = "inactive", gettext_lazy("The customer is inactive")
    HAS_AGREEMENT = "has_agreement", gettext_lazy("Already has an agreement for the next year")
    NOT_SIGNED = "not_signed", gettext_lazy("No signed agreement for the year")


@dataclass
class CopyEntry:
    code: str
    name: str
    reason: str = ""

    @property
    def reason_label(self):
        return SkipReason(self.reason).label


@dataclass
class NextYearResult:
    """Plain data (`dataclasses.asdict` gives JSON), so that a Celery task can return it."""

    year: int
    created: list[CopyEntry] = field(default_factory=list)
    skipped: list[CopyEntry] = field(default_factory=list)

    @property
    def next_year(self):
        return self.year + 1

    @classmethod
    def from_dict(cls, data):
        return cls(
            year=data["year"],
            created=[CopyEntry(**entry) for entry in data["created"]],
            skipped=[CopyEntry(**entry) for entry in data["skipped"]],
        )


@transaction.atomic
def agreements_copy_to_next_year(*, year: int) -> NextYearResult:
    """Every active customer's signed agreement for `year` becomes a draft for the next year.

    The draft has the services in force on 31 December, so the year's addenda are folded in.
    A customer that already has a next-year agreement is skipped, which makes a rerun safe.
    """
    taken = set(
        ServiceAgreement.objects.filter(year=year + 1).values_list("customer_id", flat=True)
    )
    signed = {
        agreement.customer_id: agreement
        for agreement in ServiceAgreement.objects.filter(year=year, status=SIGNED).prefetch_related(
            "services__service", "addenda__service"
        )
    }
    last_day = date(year, 12, 31)
    result = NextYearResult(year=year)
    for customer in Customer.objects.order_by("code"):
        entry = CopyEntry(code=customer.code, name=customer.name)
        if not customer.is_active:
            entry.reason = SkipReason.INACTIVE
        elif customer.pk in taken:
            entry.reason = SkipReason.HAS_AGREEMENT
        elif customer.pk not in signed:
            entry.reason = SkipReason.NOT_SIGNED
        if entry.reason:
            result.skipped.append(entry)
            continue
        source = signed[customer.pk]
        agreement_create(
            customer=customer,
            year=year + 1,
            services=[
                ServiceTerms.of(item)
                for item in services_in_force(agreement=source, on=last_day).values()
            ],
            note=source.note,
        )
        result.created.append(entry)
    return result
