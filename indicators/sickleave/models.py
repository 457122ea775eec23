from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from customers.models import Unit
from ekonomi.periods import FIRST_OF_MONTH
from indicators.fields import percent_field


class SickLeave(models.Model):
    """A unit's sick leave in a month, as a percentage. Health data: never stored per person."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT)
    month = models.DateField(_("month"))
    percent = percent_field(_("sick leave (%)"))
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
        ordering = ["month", "unit__code"]
        verbose_name = _("sick leave")
        verbose_name_plural = _("sick leave")
        constraints = [
            models.UniqueConstraint(fields=["unit", "month"], name="sick_leave_once"),
            models.CheckConstraint(condition=FIRST_OF_MONTH, name="sick_leave_first_of_month"),
            models.CheckConstraint(
                condition=models.Q(percent__gte=0, percent__lte=100), name="sick_leave_percent"
            ),
        ]

    def __str__(self):
        return f"{self.unit.code} {self.month:%Y-%m} {self.percent} %"
