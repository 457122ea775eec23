from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from customers.models import Process, Unit
from ekonomi.periods import FIRST_OF_MONTH
from indicators.fields import fte_field, percent_field


class Employee(models.Model):
    """A person in the staffing register; personal data (see access.STAFFING_PEOPLE)."""

    name = models.CharField(_("name"), max_length=150)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="employees"
    )
    employment_rate = percent_field(_("employment rate (%)"), default=Decimal(100))
    start = models.DateField(_("employed from"))
    end = models.DateField(_("employed until"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["unit__code", "name"]
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(employment_rate__gte=0, employment_rate__lte=100),
                name="employee_rate_percent",
            ),
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="employee_ends_after_start",
                violation_error_message=_("The employment cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return self.name


class ProcessShare(models.Model):
    """The share of a person's working time spent in one process."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="shares"
    )
    process = models.ForeignKey(Process, verbose_name=_("process"), on_delete=models.PROTECT)
    share = percent_field(_("share (%)"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["process__sort_order", "process__code"]
        verbose_name = _("process share")
        verbose_name_plural = _("process shares")
        constraints = [
            models.UniqueConstraint(fields=["employee", "process"], name="process_share_once"),
            models.CheckConstraint(
                condition=models.Q(share__gt=0, share__lte=100), name="process_share_percent"
            ),
        ]

    def __str__(self):
        return f"{self.employee} {self.process.code} {self.share} %"


class FteAdjustment(models.Model):
    """A unit manager's change to a month's FTE: absence, summer temps, peak reinforcement."""

    class Kind(models.TextChoices):
        ABSENCE = "absence", _("Planned absence")
        SUMMER_TEMP = "summer_temp", _("Summer temp")
        PEAK = "peak", _("Peak reinforcement")
        OTHER = "other", _("Other")

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT)
    process = models.ForeignKey(Process, verbose_name=_("process"), on_delete=models.PROTECT)
    month = models.DateField(_("month"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    fte = fte_field(_("FTE (+/-)"), help_text=_("Negative for absence, positive for extra staff."))
    comment = models.CharField(_("comment"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("entered"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-month", "unit__code", "process__sort_order", "pk"]
        verbose_name = _("FTE adjustment")
        verbose_name_plural = _("FTE adjustments")
        indexes = [models.Index(fields=["month"], name="fte_adjustment_month")]
        constraints = [
            models.CheckConstraint(condition=FIRST_OF_MONTH, name="fte_adjustment_first_of_month"),
            models.CheckConstraint(
                condition=~models.Q(fte=0),
                name="fte_adjustment_not_zero",
                violation_error_message=_("An adjustment of zero FTE changes nothing."),
            ),
        ]

    def __str__(self):
        return f"{self.unit.code} {self.process.code} {self.month:%Y-%m} {self.fte}"
