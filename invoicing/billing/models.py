from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from customers.models import Customer
from ekonomi.money import money_field
from ekonomi.periods import FIRST_OF_MONTH, Month
from invoicing.prices.models import PriceItem, PriceList

# Agresso codes are short uppercase strings; a space or a lowercase letter would be kept in
# the fixed-width file and then not match the ERP's master data.
ERP_CODE = RegexValidator(
    r"^[A-Z0-9_.-]+$", _("Use capital letters, digits, dots, hyphens and underscores only.")
)
CODE_LENGTH = 25


def erp_code(verbose_name, **kwargs):
    return models.CharField(verbose_name, max_length=CODE_LENGTH, validators=[ERP_CODE], **kwargs)


class ErpSettings(models.Model):
    """The one row of settings for the GL07 file of internal charging."""

    client = erp_code(_("client"), default="SF")
    voucher_type = erp_code(_("voucher type"), default="ID")
    revenue_account = erp_code(_("revenue account"), default="3590")
    revenue_dimension = erp_code(
        _("our dimension on revenue lines"), blank=True, help_text=_("For example our cost centre.")
    )
    default_cost_account = erp_code(
        _("default cost account for customers"),
        default="6590",
        help_text=_("Used for a customer that has no cost account of its own."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ERP settings")
        verbose_name_plural = _("ERP settings")

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls):
        settings_row, _created = cls.objects.get_or_create(pk=1)
        return settings_row


class CustomerErpAccount(models.Model):
    customer = models.OneToOneField(
        Customer, verbose_name=_("customer"), on_delete=models.CASCADE, related_name="erp_account"
    )
    cost_account = erp_code(_("cost account"), blank=True)
    dimension = erp_code(
        _("dimension"), blank=True, help_text=_("Empty: the customer code is used.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["customer__code"]
        verbose_name = _("customer's ERP account")
        verbose_name_plural = _("customers' ERP accounts")

    def __str__(self):
        return f"{self.customer.code} {self.cost_account}"


class ImmutableRecord(Exception):
    """An attempt to change or delete an issued invoice, its lines or a written ERP file."""


class InsertOnlyQuerySet(models.QuerySet):
    """Bulk writes that would bypass save() and delete() are refused for issued records.

    The database trigger (PostgreSQL) refuses the same for raw SQL.
    """

    def update(self, **kwargs):
        raise ImmutableRecord(f"{self.model._meta.label} rows are issued and cannot be changed")

    def delete(self):
        raise ImmutableRecord(f"{self.model._meta.label} rows are issued and cannot be deleted")

    def bulk_update(self, objs, fields, batch_size=None):
        raise ImmutableRecord(f"{self.model._meta.label} rows are issued and cannot be changed")

    def update_or_create(self, defaults=None, create_defaults=None, **kwargs):
        raise ImmutableRecord(f"{self.model._meta.label} rows are issued and cannot be changed")


class InsertOnly(models.Model):
    objects = InsertOnlyQuerySet.as_manager()

    class Meta:
        abstract = True
        # Django's own machinery (deletion collector, related managers) uses the base manager.
        base_manager_name = "objects"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableRecord(f"{self._meta.label} {self.pk} is issued and cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecord(f"{self._meta.label} {self.pk} is issued and cannot be deleted")


class InvoiceSeries(models.Model):
    """The last number given in a year's series; its row is locked while a number is taken."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("invoice number series")
        verbose_name_plural = _("invoice number series")

    def __str__(self):
        return f"{self.year}: {self.last_number}"


class Invoice(InsertOnly):
    class Kind(models.TextChoices):
        INVOICE = "invoice", _("Invoice")
        CREDIT_NOTE = "credit", _("Credit note")

    number = models.CharField(_("number"), max_length=11, unique=True)
    year = models.PositiveSmallIntegerField(_("series"))
    sequence = models.PositiveIntegerField(_("sequence number"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.PROTECT, related_name="invoices"
    )
    month = models.DateField(_("month"))
    price_list = models.ForeignKey(
        PriceList, verbose_name=_("price list"), on_delete=models.PROTECT, related_name="+"
    )
    credits = models.OneToOneField(
        "self",
        verbose_name=_("credits invoice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_note",
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    total = money_field(verbose_name=_("total"))
    issued_at = models.DateTimeField(_("issued"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["year", "sequence"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        base_manager_name = "objects"
        indexes = [models.Index(fields=["month", "customer"], name="invoice_month_customer")]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="invoice_number_once"),
            models.CheckConstraint(condition=FIRST_OF_MONTH, name="invoice_first_of_month"),
            models.CheckConstraint(condition=models.Q(sequence__gte=1), name="invoice_sequence"),
            # A credit note always names the invoice it cancels; an invoice never does.
            models.CheckConstraint(
                condition=models.Q(kind="credit", credits__isnull=False)
                | models.Q(kind="invoice", credits__isnull=True),
                name="invoice_credit_refers_to_original",
            ),
        ]

    def __str__(self):
        return self.number

    @property
    def period(self):
        return Month.from_date(self.month)

    @property
    def is_credit_note(self):
        return self.kind == self.Kind.CREDIT_NOTE

    @staticmethod
    def format_number(year, sequence):
        return f"{year:04d}-{sequence:06d}"


class InvoiceLine(InsertOnly):
    class Kind(models.TextChoices):
        VOLUME = "volume", _("Volume")
        HOURS = "hours", _("Hours")
        ADJUSTMENT = "adjustment", _("Adjustment for an earlier month")

    invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice"), on_delete=models.PROTECT, related_name="lines"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    price_item = models.ForeignKey(
        PriceItem, verbose_name=_("price item"), on_delete=models.PROTECT, related_name="+"
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=150)
    unit = models.CharField(_("unit"), max_length=10, choices=PriceItem.Unit.choices)
    # The month the quantity was counted in: the invoice's own month, or an earlier billed
    # month for late volumes.
    service_month = models.DateField(_("for month"))
    quantity = models.DecimalField(_("quantity"), max_digits=12, decimal_places=2)
    unit_price = money_field(verbose_name=_("unit price"))
    amount = money_field(verbose_name=_("amount"))

    class Meta:
        ordering = ["invoice", "position"]
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        base_manager_name = "objects"
        indexes = [
            models.Index(fields=["service_month", "price_item"], name="invoice_line_service_month")
        ]
        constraints = [
            models.UniqueConstraint(fields=["invoice", "position"], name="invoice_line_once"),
            models.CheckConstraint(
                condition=models.Q(service_month__day=1), name="invoice_line_first_of_month"
            ),
        ]

    def __str__(self):
        return f"{self.invoice_id} {self.position} {self.code}"

    @property
    def service_period(self):
        return Month.from_date(self.service_month)

    @property
    def is_adjustment(self):
        return self.kind == self.Kind.ADJUSTMENT


class ErpFile(InsertOnly):
    """A GL07 file as it was written, kept byte for byte so that the nightly check reads it."""

    batch_id = models.CharField(_("batch"), max_length=CODE_LENGTH, unique=True)
    month = models.DateField(_("period"))
    content = models.BinaryField(_("content"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    line_count = models.PositiveIntegerField(_("lines"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    invoices = models.ManyToManyField(Invoice, verbose_name=_("invoices"), related_name="erp_files")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("ERP file")
        verbose_name_plural = _("ERP files")
        base_manager_name = "objects"

    def __str__(self):
        return self.batch_id

    @property
    def file_name(self):
        return f"GL07-{self.batch_id}.txt"


class CheckRun(models.Model):
    """One run of the nightly billing checks; its failures are what administrators see."""

    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("billing check run")
        verbose_name_plural = _("billing check runs")

    def __str__(self):
        return f"{self.started_at:%Y-%m-%d %H:%M}"


class CheckFailure(models.Model):
    class Check(models.TextChoices):
        SERIES = "series", _("Number series")
        INVOICE = "invoice", _("Invoice against volumes and prices")
        ERP_FILE = "erp_file", _("ERP file")

    run = models.ForeignKey(
        CheckRun, verbose_name=_("check run"), on_delete=models.CASCADE, related_name="failures"
    )
    check_name = models.CharField(_("check"), max_length=10, choices=Check.choices)
    message = models.TextField(_("message"))

    class Meta:
        ordering = ["run", "pk"]
        verbose_name = _("failed billing check")
        verbose_name_plural = _("failed billing checks")

    def __str__(self):
        return self.message
