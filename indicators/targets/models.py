from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indicators.definitions import Direction, Indicator


class Target(models.Model):
    indicator = models.CharField(_("indicator"), max_length=30, choices=Indicator.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    # Empty for "above last year", whose target is the previous year's figure.
    value = models.DecimalField(_("target"), max_digits=9, decimal_places=1, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "indicator"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year"],
                name="target_once_per_indicator_and_year",
                violation_error_message=_("This indicator already has a target for that year."),
            ),
            models.CheckConstraint(
                condition=(models.Q(direction="rise") & models.Q(value__isnull=True))
                | (~models.Q(direction="rise") & models.Q(value__isnull=False)),
                name="target_value_unless_rise",
                violation_error_message=_(
                    "Give a target value, except for “above last year”, which takes last "
                    "year's figure."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.get_indicator_display()} {self.year}"
