from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ekonomi.access import Role


class Unit(models.Model):
    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=100)
    phone = models.CharField(_("group phone number"), max_length=30, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self):
        return self.name


class Process(models.Model):
    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=100)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("leading unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="processes",
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("process")
        verbose_name_plural = _("processes")

    def __str__(self):
        return self.name


class Service(models.Model):
    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=150)
    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.PROTECT, related_name="services"
    )
    is_mandatory = models.BooleanField(_("mandatory"), default=False)
    default_lead_time_days = models.PositiveSmallIntegerField(
        _("default lead time (working days)"), default=5, validators=[MinValueValidator(1)]
    )
    interface_text = models.TextField(_("interface (who does what)"), blank=True)
    hourly_price_code = models.CharField(
        _("hourly price item"),
        max_length=20,
        blank=True,
        help_text=_("Price item code that time reported on this add-on service is billed at."),
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-is_mandatory", "sort_order", "code"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(default_lead_time_days__gte=1), name="service_lead_time_positive"
            )
        ]

    def __str__(self):
        return self.name


class Customer(models.Model):
    class Kind(models.TextChoices):
        DISTRICT = "district", _("District administration")
        SPECIALIST = "specialist", _("Specialist administration")

    code = models.CharField(
        _("code"),
        max_length=10,
        unique=True,
        help_text=_("The code used in imports and ERP files."),
        error_messages={"unique": _("A customer with this code already exists.")},
    )
    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    manager_unit = models.ForeignKey(
        Unit,
        verbose_name=_("customer manager unit"),
        on_delete=models.PROTECT,
        related_name="customers",
    )
    contact_person = models.ForeignKey(
        "User",
        verbose_name=_("our contact person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_for",
    )
    mailbox = models.EmailField(_("shared mailbox"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        verbose_name = _("customer")
        verbose_name_plural = _("customers")

    def __str__(self):
        return f"{self.code} {self.name}"


class CustomerContact(models.Model):
    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self):
        return self.name


class RoutineDeviation(models.Model):
    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.CASCADE, related_name="deviations"
    )
    description = models.TextField(_("approved deviation from standard routines"))
    approved_on = models.DateField(_("approved on"))
    approved_by = models.CharField(_("approved by"), max_length=150)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-approved_on"]
        verbose_name = _("deviating routine")
        verbose_name_plural = _("deviating routines")

    def __str__(self):
        return f"{self.customer.code} {self.approved_on}"


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.OFFICER)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    customer = models.ForeignKey(
        Customer,
        verbose_name=_("bound to customer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bound_users",
        help_text=_("Only for controllers who may see one customer's data."),
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def clean(self):
        super().clean()
        if self.role in Role.unit_roles() and not self.unit_id:
            raise ValidationError({"unit": _("Unit managers and case officers belong to a unit.")})
        if self.customer_id and self.role != Role.CONTROLLER:
            raise ValidationError({"customer": _("Only a controller can be bound to a customer.")})

    def save(self, *args, **kwargs):
        # The Django admin is for administrators only: both flags follow the role, and a
        # superuser made by `createsuperuser` is an administrator.
        if self.is_superuser:
            self.role = Role.ADMIN
        self.is_staff = self.is_superuser = self.role == Role.ADMIN
        if kwargs.get("update_fields") == ["last_login"]:
            # A login: the history leaves last_login out, so its version would be empty noise
            # in the audit trail, one per login.
            self.skip_history_when_saving = True
            try:
                return super().save(*args, **kwargs)
            finally:
                del self.skip_history_when_saving
        super().save(*args, **kwargs)


class ServiceAgreement(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SIGNED = "signed", _("Signed")

    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.PROTECT, related_name="agreements"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    signed_on = models.DateField(_("signing date"), null=True, blank=True)
    customer_signatory = models.CharField(
        _("signatory for the customer"), max_length=150, blank=True
    )
    our_signatory = models.CharField(_("signatory for us"), max_length=150, blank=True)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["customer__code", "-year"]
        verbose_name = _("service agreement")
        verbose_name_plural = _("service agreements")
        constraints = [
            models.UniqueConstraint(
                fields=["customer", "year"],
                name="agreement_one_per_customer_and_year",
                violation_error_message=_("This customer already has an agreement for that year."),
            ),
            # A signed agreement is a document: it says when and by whom it was signed.
            models.CheckConstraint(
                condition=models.Q(status="draft")
                | (
                    models.Q(signed_on__isnull=False)
                    & ~models.Q(customer_signatory="")
                    & ~models.Q(our_signatory="")
                ),
                name="agreement_signed_has_date_and_signatories",
                violation_error_message=_(
                    "A signed agreement needs a signing date and both signatories."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.customer.code} {self.year}"

    @property
    def start(self):
        return date(self.year, 1, 1)

    @property
    def end(self):
        return date(self.year + 1, 1, 1)


class AgreementService(models.Model):
    agreement = models.ForeignKey(
        ServiceAgreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="services",
    )
    service = models.ForeignKey(Service, verbose_name=_("service"), on_delete=models.PROTECT)
    lead_time_days = models.PositiveSmallIntegerField(
        _("lead time (working days)"), validators=[MinValueValidator(1)]
    )
    interface_text = models.TextField(_("interface (who does what)"), blank=True)
    estimated_hours = models.DecimalField(
        _("estimated hours"),
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    scope_note = models.TextField(_("scope"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-service__is_mandatory", "service__sort_order", "service__code"]
        verbose_name = _("service in agreement")
        verbose_name_plural = _("services in agreement")
        constraints = [
            models.UniqueConstraint(fields=["agreement", "service"], name="agreement_service_once"),
            models.CheckConstraint(
                condition=models.Q(lead_time_days__gte=1), name="agreement_lead_time_positive"
            ),
        ]

    def __str__(self):
        return f"{self.agreement} {self.service.code}"


class AgreementAddendum(models.Model):
    class Action(models.TextChoices):
        ADD = "add", _("Add service")
        END = "end", _("End service")

    agreement = models.ForeignKey(
        ServiceAgreement,
        verbose_name=_("agreement"),
        on_delete=models.CASCADE,
        related_name="addenda",
    )
    service = models.ForeignKey(Service, verbose_name=_("service"), on_delete=models.PROTECT)
    action = models.CharField(_("action"), max_length=5, choices=Action.choices)
    effective_date = models.DateField(_("effective date"))
    lead_time_days = models.PositiveSmallIntegerField(
        _("lead time (working days)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    interface_text = models.TextField(_("interface (who does what)"), blank=True)
    estimated_hours = models.DecimalField(
        _("estimated hours"),
        max_digits=8,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    scope_note = models.TextField(_("scope"), blank=True)
    signed_on = models.DateField(_("signing date"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["effective_date", "pk"]
        verbose_name = _("addendum")
        verbose_name_plural = _("addenda")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(lead_time_days__isnull=True) | models.Q(lead_time_days__gte=1),
                name="addendum_lead_time_positive",
            )
        ]

    def __str__(self):
        return f"{self.agreement} {self.get_action_display()} {self.service.code}"
