"""The ERP side of billing: settings of the GL07 file, customers' accounts, the files written
and the ERP periods that are still open for booking."""

from datetime import date, timedelta

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from customers.models import Customer
from ekonomi.periods import Month
from invoicing.immutable import InsertOnly, PartOf

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
    first_open_period = models.DateField(
        _("first open ERP period"),
        null=True,
        blank=True,
        help_text=_(
            "Periods before it are closed in the ERP and nothing is booked into them any more. "
            "Empty: every period is open."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ERP settings")
        verbose_name_plural = _("ERP settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(first_open_period__day=1)
                | models.Q(first_open_period__isnull=True),
                name="erp_settings_open_first_of_month",
            )
        ]

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls):
        settings_row, _created = cls.objects.get_or_create(pk=1)
        return settings_row

    @property
    def first_open(self) -> Month | None:
        return None if self.first_open_period is None else Month.from_date(self.first_open_period)

    def is_open(self, period: Month) -> bool:
        return self.first_open is None or period >= self.first_open

    def booking_period(self, *, service_month: Month | None, on: date) -> Month:
        """The ERP period a document issued on `on` is booked in.

        A month's regular invoices are booked in that month while its period is open. Credit
        notes, reissues (service_month None) are booked in the period they are issued in.
        Either way a closed period is passed over for the first open one.
        """
        period = service_month or Month.from_date(on)
        return period if self.is_open(period) else self.first_open


def booking_date(period: Month, on: date) -> date:
    """The voucher and transaction date: the issue date, moved into the booking period."""
    return min(max(on, period.start), period.end - timedelta(days=1))


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


class ErpFile(InsertOnly):
    """A GL07 file as it was written, kept byte for byte so that the nightly check reads it.

    The voucher's own fields are kept beside the file, so that the check can write the file
    again from its invoices and compare.
    """

    batch_id = models.CharField(_("batch"), max_length=CODE_LENGTH, unique=True)
    month = models.DateField(_("period"))
    client = models.CharField(_("client"), max_length=CODE_LENGTH)
    voucher_type = models.CharField(_("voucher type"), max_length=CODE_LENGTH)
    voucher_no = models.CharField(_("voucher number"), max_length=15)
    voucher_date = models.DateField(_("voucher date"))
    revenue_account = models.CharField(_("revenue account"), max_length=CODE_LENGTH)
    revenue_dimension = models.CharField(
        _("our dimension on revenue lines"), max_length=CODE_LENGTH, blank=True
    )
    content = models.BinaryField(_("content"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    line_count = models.PositiveIntegerField(_("lines"))
    invoice_count = models.PositiveIntegerField(_("invoices"), default=0)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    invoices = models.ManyToManyField(
        "invoicing.Invoice",
        verbose_name=_("invoices"),
        related_name="erp_files",
        through="invoicing.ErpFileInvoice",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("ERP file")
        verbose_name_plural = _("ERP files")
        base_manager_name = "objects"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(month__day=1), name="erp_file_period_first_of_month"
            )
        ]

    def __str__(self):
        return self.batch_id

    @property
    def file_name(self):
        return f"GL07-{self.batch_id}.txt"

    @property
    def period(self):
        return Month.from_date(self.month)


class ErpFileInvoice(PartOf):
    """An invoice booked in an ERP file: written with the file, never changed or removed."""

    whole_field = "erpfile"
    count_field = "invoice_count"

    erpfile = models.ForeignKey(ErpFile, verbose_name=_("ERP file"), on_delete=models.PROTECT)
    invoice = models.ForeignKey(
        "invoicing.Invoice", verbose_name=_("invoice"), on_delete=models.PROTECT
    )

    class Meta:
        db_table = "invoicing_erpfile_invoices"
        verbose_name = _("invoice in an ERP file")
        verbose_name_plural = _("invoices in ERP files")
        base_manager_name = "objects"
        constraints = [
            # A document is booked once, in one voucher.
            models.UniqueConstraint(fields=["invoice"], name="erp_file_invoice_once")
        ]

    def __str__(self):
        return f"{self.erpfile_id} {self.invoice_id}"
