from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from customers.models import Customer
from ekonomi.money import MONEY
from ekonomi.periods import FIRST_OF_MONTH, Month
from invoicing.prices.models import PriceItem


class VolumeImport(models.Model):
    class Source(models.TextChoices):
        FILE = "file", _("File from the ERP")
        MANUAL = "manual", _("Manual entry")

    class Shape(models.TextChoices):
        DOCUMENTS = "documents", _("Invoice level")
        COUNTS = "counts", _("Monthly counts")

    class Status(models.TextChoices):
        # The columns were not recognised: the user maps them (a saved column profile).
        MAPPING = "mapping", _("Columns to be mapped")
        PENDING = "pending", _("Waiting to be checked")
        CHECKING = "checking", _("Being checked")
        READY = "ready", _("Checked, waiting for confirmation")
        REJECTED = "rejected", _("Rejected")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        UNDONE = "undone", _("Undone")

    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    shape = models.CharField(_("file shape"), max_length=10, choices=Shape.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    file = models.FileField(_("file"), upload_to="volume_imports/%Y/%m/", blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_size = models.PositiveBigIntegerField(_("file size (bytes)"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, db_index=True)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    rows_added = models.PositiveIntegerField(_("rows added"), default=0)
    rows_skipped = models.PositiveIntegerField(_("rows skipped"), default=0)
    # {"2012-03": {"rows": 120, "quantity": 120, "added": 100}}: what the preview and the
    # result show per month, kept so that the record outlives the file.
    month_totals = models.JSONField(_("totals per month"), default=dict, blank=True)
    # How the reader took the file, for the preview: {"header_row", "profile", "skipped":
    # [[row, text]] title rows above the header, "totals": [[row, label]] total rows left
    # out, "ignored": [[letter, heading, hint]] columns not read}; while the columns are to
    # be mapped, "sample": the file's headings and first rows, and "problems".
    layout = models.JSONField(_("layout of the file"), default=dict, blank=True)
    # [{"row": 7, "column": "Datum", "message": "..."}]; at most TABULAR_MAX_ERRORS entries.
    errors = models.JSONField(_("errors"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("number of errors"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    finished_at = models.DateTimeField(_("imported"), null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("volume import")
        verbose_name_plural = _("volume imports")

    def __str__(self):
        return self.file_name or f"{self.get_source_display()} {self.pk}"

    @property
    def is_finished(self):
        return self.status in {
            self.Status.READY,
            self.Status.REJECTED,
            self.Status.DONE,
            self.Status.UNDONE,
        }


class VolumeDocument(models.Model):
    """One handled document from an invoice-level file; its verification number is unique.

    The foreign keys have no database constraint: PostgreSQL checks one per inserted row in a
    trigger, and for a million-row import the three checks took longer than copying the rows
    (measured 10 s against 6 s). The import resolves every customer and price item itself,
    and Django still applies on_delete, so no document can point at a missing row.
    """

    volume_import = models.ForeignKey(
        VolumeImport,
        verbose_name=_("import"),
        on_delete=models.CASCADE,
        related_name="documents",
        db_constraint=False,
    )
    external_id = models.CharField(_("verification"), max_length=64)
    # The (month, customer, price item) index serves every read of documents; a lookup by
    # customer or price item alone only happens when one is deleted, which PROTECT refuses.
    customer = models.ForeignKey(
        Customer,
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        db_index=False,
        db_constraint=False,
    )
    price_item = models.ForeignKey(
        PriceItem,
        verbose_name=_("price item"),
        on_delete=models.PROTECT,
        db_index=False,
        db_constraint=False,
    )
    date = models.DateField(_("date"))
    month = models.DateField(_("month"))
    amount = models.DecimalField(_("amount"), **MONEY, null=True, blank=True)

    class Meta:
        ordering = ["date", "external_id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        indexes = [
            models.Index(
                fields=["month", "customer", "price_item"], name="volume_document_month_key"
            )
        ]
        constraints = [
            # A constraint rather than unique=True, which on PostgreSQL adds a second
            # (LIKE) index that every one of a million inserted rows would have to update.
            models.UniqueConstraint(fields=["external_id"], name="volume_document_once")
        ]

    def __str__(self):
        return self.external_id


class VolumeCount(models.Model):
    """A monthly count as one import stated it; the latest one per key and source counts."""

    volume_import = models.ForeignKey(
        VolumeImport,
        verbose_name=_("import"),
        on_delete=models.CASCADE,
        related_name="counts",
    )
    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.PROTECT, db_index=False
    )
    price_item = models.ForeignKey(
        PriceItem, verbose_name=_("price item"), on_delete=models.PROTECT, db_index=False
    )
    month = models.DateField(_("month"))
    quantity = models.PositiveIntegerField(_("quantity"))

    class Meta:
        ordering = ["month", "customer", "price_item", "pk"]
        verbose_name = _("monthly count")
        verbose_name_plural = _("monthly counts")
        indexes = [
            models.Index(fields=["month", "customer", "price_item"], name="volume_count_month_key")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["volume_import", "customer", "price_item", "month"],
                name="volume_count_once_per_import",
            ),
            models.CheckConstraint(condition=FIRST_OF_MONTH, name="volume_count_first_of_month"),
        ]

    def __str__(self):
        return f"{self.customer_id} {self.price_item_id} {self.month:%Y-%m}: {self.quantity}"


class MonthlyVolume(models.Model):
    """What every screen and billing reads: the volume per customer, price item and month.

    Derived from documents and counts by volume_services; never edited directly.
    """

    customer = models.ForeignKey(
        Customer,
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="monthly_volumes",
    )
    price_item = models.ForeignKey(
        PriceItem,
        verbose_name=_("price item"),
        on_delete=models.PROTECT,
        related_name="monthly_volumes",
    )
    month = models.DateField(_("month"))
    documents = models.PositiveIntegerField(_("documents"), default=0)
    counted = models.PositiveIntegerField(_("counted in files"), default=0)
    manual = models.PositiveIntegerField(_("entered manually"), default=0)
    quantity = models.PositiveIntegerField(_("quantity"), default=0)

    class Meta:
        ordering = ["month", "customer", "price_item"]
        verbose_name = _("monthly volume")
        verbose_name_plural = _("monthly volumes")
        indexes = [models.Index(fields=["month"], name="monthly_volume_month")]
        constraints = [
            models.UniqueConstraint(
                fields=["customer", "price_item", "month"], name="monthly_volume_once_per_key"
            ),
            models.CheckConstraint(condition=FIRST_OF_MONTH, name="monthly_volume_first_of_month"),
            models.CheckConstraint(
                condition=models.Q(
                    quantity=models.F("documents") + models.F("counted") + models.F("manual")
                ),
                name="monthly_volume_quantity_is_sum",
            ),
        ]

    def __str__(self):
        return f"{self.customer_id} {self.price_item_id} {self.month:%Y-%m}: {self.quantity}"

    @property
    def period(self):
        return Month.from_date(self.month)
