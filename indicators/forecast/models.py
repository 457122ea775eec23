from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from customers.models import Process, Unit
from ekonomi.periods import FIRST_OF_MONTH


class VolumePlan(models.Model):
    """An entered volume for a unit, process and coming month; it replaces the trend forecast."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT)
    process = models.ForeignKey(Process, verbose_name=_("process"), on_delete=models.PROTECT)
    month = models.DateField(_("month"))
    volume = models.PositiveIntegerField(_("planned invoices"))
    comment = models.CharField(_("comment"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["month", "unit__code", "process__sort_order"]
        verbose_name = _("volume plan")
        verbose_name_plural = _("volume plans")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "process", "month"],
                name="volume_plan_once",
                violation_error_message=_(
                    "There is already a plan for this unit, process and month."
                ),
            ),
            models.CheckConstraint(condition=FIRST_OF_MONTH, name="volume_plan_first_of_month"),
        ]

    def __str__(self):
        return f"{self.unit.code} {self.process.code} {self.month:%Y-%m}: {self.volume}"
