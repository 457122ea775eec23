from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ekonomi.money import money_field

MONTH_NUMBER = [MinValueValidator(1), MaxValueValidator(12)]


class BudgetMonth(models.Model):
    """The unit's budget for one month: revenue from charging, staff costs and other costs."""

    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), validators=MONTH_NUMBER)
    revenue = money_field(verbose_name=_("revenue"), default=0)
    staff_costs = money_field(verbose_name=_("staff costs"), default=0)
    other_costs = money_field(
        verbose_name=_("premises, administration, IT and consumables"), default=0
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "month"]
        verbose_name = _("budget month")
        verbose_name_plural = _("budget months")
        constraints = [
            models.UniqueConstraint(fields=["year", "month"], name="budget_month_once"),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12), name="budget_month_number"
            ),
        ]

    def __str__(self):
        return f"{self.year}-{self.month:02d}"


class CostOutcome(models.Model):
    """The costs actually booked in a month, entered from the ledger."""

    year = models.PositiveSmallIntegerField(_("year"))
    month = models.PositiveSmallIntegerField(_("month"), validators=MONTH_NUMBER)
    staff_costs = money_field(verbose_name=_("staff costs"), default=0)
    other_costs = money_field(
        verbose_name=_("premises, administration, IT and consumables"), default=0
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "month"]
        verbose_name = _("cost outcome")
        verbose_name_plural = _("cost outcomes")
        constraints = [
            models.UniqueConstraint(fields=["year", "month"], name="cost_outcome_once"),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12), name="cost_outcome_month_number"
            ),
        ]

    def __str__(self):
        return f"{self.year}-{self.month:02d}"
