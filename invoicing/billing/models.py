from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from customers.models import Customer
from ekonomi.money import money_field
from ekonomi.periods import FIRST_OF_MONTH, Month
from invoicing.billing.erp import CODE_LENGTH
from invoicing.immutable import ImmutableRecord, InsertOnly, PartOf
from invoicing.prices.models import PriceItem, PriceList

QUANTITY = {"max_digits": 12, "decimal_places": 2}


class SeriesQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ImmutableRecord("a number series only moves by issuing")

    def delete(self):
        raise ImmutableRecord("a number series only moves by issuing")


class InvoiceSeries(models.Model):
    """The last number given in a year's series; its row is locked while a number is taken.

    It only ever moves one step at a time, as an invoice takes the next number.
    """

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    objects = SeriesQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("invoice number series")
        verbose_name_plural = _("invoice number series")
        base_manager_name = "objects"

    def __str__(self):
        return f"{self.year}: {self.last_number}"

    def save(self, *args, **kwargs):
        stored = 0 if self._state.adding else self.stored_number
        step = 0 if self._state.adding else 1
        if self.last_number != stored + step:
            raise ImmutableRecord(f"the series {self.year} only moves one number at a time")
        super().save(*args, **kwargs)
        self.stored_number = self.last_number

    def delete(self, *args, **kwargs):
        raise ImmutableRecord("a number series only moves by issuing")

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        series = super().from_db(db, field_names, values, **kwargs)
        series.stored_number = series.last_number
        return series


class Invoice(InsertOnly):
    """An issued invoice or credit note, as it looked when it was issued.

    `month` is the month of service the document is about; `booking_period` the ERP period it
    is booked in. The customer's code, name, reference and accounts are copied at issue, so
    that renaming the customer later changes no issued document.
    """

    class Kind(models.TextChoices):
        INVOICE = "invoice", _("Invoice")
        CREDIT_NOTE = "credit", _("Credit note")

    class Settlement(models.TextChoices):
        """What a credit note leaves to happen next with the month it credits."""

        REISSUE = "reissue", _("Credit and reissue now")
        LATER = "later", _("Credit and reissue later")
        WAIVE = "waive", _("Credit and waive")
        PARTIAL = "partial", _("Credit chosen lines or quantities")

    # The quantities of these credit notes are not to be billed again.
    WAIVING = (Settlement.WAIVE, Settlement.PARTIAL)

    number = models.CharField(_("number"), max_length=11, unique=True)
    year = models.PositiveSmallIntegerField(_("series"))
    sequence = models.PositiveIntegerField(_("sequence number"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.PROTECT, related_name="invoices"
    )
    month = models.DateField(_("month"))
    booking_period = models.DateField(_("booked in period"))
    price_list = models.ForeignKey(
        PriceList, verbose_name=_("price list"), on_delete=models.PROTECT, related_name="+"
    )
    credits = models.ForeignKey(
        "self",
        verbose_name=_("credits invoice"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="credit_notes",
    )
    settlement = models.CharField(
        _("what happens next"), max_length=10, choices=Settlement.choices, blank=True
    )
    reissue_of = models.OneToOneField(
        "self",
        verbose_name=_("reissues after credit note"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reissue",
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    total = money_field(verbose_name=_("total"))
    line_count = models.PositiveSmallIntegerField(_("lines"), default=0)
    customer_code = models.CharField(_("customer code"), max_length=10)
    customer_name = models.CharField(_("customer name"), max_length=150)
    customer_reference = models.CharField(_("reference"), max_length=150, blank=True)
    cost_account = models.CharField(_("cost account"), max_length=CODE_LENGTH)
    dimension = models.CharField(_("dimension"), max_length=CODE_LENGTH)
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
        indexes = [
            models.Index(fields=["month", "customer"], name="invoice_month_customer"),
            models.Index(fields=["booking_period"], name="invoice_booking_period"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="invoice_number_once"),
            models.CheckConstraint(condition=FIRST_OF_MONTH, name="invoice_first_of_month"),
            models.CheckConstraint(
                condition=models.Q(booking_period__day=1), name="invoice_booking_first_of_month"
            ),
            models.CheckConstraint(condition=models.Q(sequence__gte=1), name="invoice_sequence"),
            # A credit note always names the invoice it cancels and what happens next; an
            # invoice does neither.
            models.CheckConstraint(
                condition=(
                    models.Q(kind="credit", credits__isnull=False) & ~models.Q(settlement="")
                )
                | models.Q(kind="invoice", credits__isnull=True, settlement=""),
                name="invoice_credit_refers_to_original",
            ),
            models.CheckConstraint(
                condition=models.Q(reissue_of__isnull=True) | models.Q(kind="invoice"),
                name="invoice_reissue_is_an_invoice",
            ),
        ]

    def __str__(self):
        return self.number

    @property
    def period(self):
        return Month.from_date(self.month)

    @property
    def booked_in(self):
        return Month.from_date(self.booking_period)

    @property
    def is_credit_note(self):
        return self.kind == self.Kind.CREDIT_NOTE

    @property
    def is_waiving(self):
        return self.settlement in self.WAIVING

    @staticmethod
    def format_number(year, sequence):
        return f"{year:04d}-{sequence:06d}"


class InvoiceLine(PartOf):
    class Kind(models.TextChoices):
        VOLUME = "volume", _("Volume")
        HOURS = "hours", _("Hours")
        ADJUSTMENT = "adjustment", _("Adjustment for an earlier month")

    whole_field = "invoice"
    count_field = "line_count"

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
    # month for late volumes and hours.
    service_month = models.DateField(_("for month"))
    quantity = models.DecimalField(_("quantity"), **QUANTITY)
    # What the volumes or hours of this customer, item and month were when the line was
    # issued: the nightly check tells a late change waiting for the next invoice from a line
    # changed behind billing's back by it.
    counted = models.DecimalField(_("counted when issued"), **QUANTITY)
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
            models.CheckConstraint(
                condition=models.Q(position__gte=1), name="invoice_line_position"
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


class Check(models.TextChoices):
    SERIES = "series", _("Number series")
    INVOICE = "invoice", _("Invoices against volumes, hours and prices")
    ERP_FILE = "erp_file", _("ERP files")


class CheckFailure(models.Model):
    Check = Check

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


class CheckNote(models.Model):
    """What a check run found explained rather than wrong: waived quantities, months waiting
    for a reissue, late volumes and hours waiting for the next invoice."""

    run = models.ForeignKey(
        CheckRun, verbose_name=_("check run"), on_delete=models.CASCADE, related_name="notes"
    )
    check_name = models.CharField(_("check"), max_length=10, choices=Check.choices)
    message = models.TextField(_("message"))

    class Meta:
        ordering = ["run", "pk"]
        verbose_name = _("billing check note")
        verbose_name_plural = _("billing check notes")

    def __str__(self):
        return self.message
