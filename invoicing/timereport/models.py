from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from customers.models import Customer, Service

MAX_HOURS_PER_DAY = Decimal("24")
COMMENT_LENGTH = 500


class TimeImport(models.Model):
    """One uploaded file of hours: kept so that every imported entry can be traced to it."""

    file_name = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    rows_read = models.PositiveIntegerField(_("rows read"), default=0)
    rows_added = models.PositiveIntegerField(_("rows added"), default=0)
    rows_changed = models.PositiveIntegerField(_("rows changed"), default=0)
    rows_unchanged = models.PositiveIntegerField(_("rows unchanged"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("imported"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("time import")
        verbose_name_plural = _("time imports")

    def __str__(self):
        return self.file_name


class TimeEntry(models.Model):
    class Source(models.TextChoices):
        MANUAL = "manual", _("Manual entry")
        IMPORT = "import", _("File import")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="time_entries",
    )
    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.PROTECT, related_name="time_entries"
    )
    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.PROTECT, related_name="time_entries"
    )
    date = models.DateField(_("date"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(MAX_HOURS_PER_DAY)],
    )
    comment = models.CharField(_("comment"), max_length=COMMENT_LENGTH, blank=True)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.MANUAL
    )
    time_import = models.ForeignKey(
        TimeImport,
        verbose_name=_("import"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="entries",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("reported"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "person__username", "customer__code", "service__code"]
        verbose_name = _("time entry")
        verbose_name_plural = _("time entries")
        constraints = [
            # One figure per person, customer, service and day: the weekly grid edits it in
            # place, and a re-imported file replaces it instead of counting the hours twice.
            models.UniqueConstraint(
                fields=["person", "customer", "service", "date"],
                name="time_entry_once_per_day",
                violation_error_message=_(
                    "Hours are already reported for this person, customer, service and day."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(hours__gt=0, hours__lte=MAX_HOURS_PER_DAY),
                name="time_entry_hours_in_range",
            ),
        ]
        indexes = [
            models.Index(fields=["customer", "date"]),
            models.Index(fields=["person", "date"]),
        ]

    def __str__(self):
        return f"{self.date} {self.customer.code} {self.service.code} {self.hours}"
