from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from customers.models import Unit
from ekonomi.periods import FIRST_OF_MONTH

# Shared by the imported rows and the months entered by hand.
ANSWERED_AT_MOST_OFFERED = models.Q(answered__lte=models.F("offered")) & models.Q(
    abandoned__lte=models.F("offered")
)


class PhoneImport(models.Model):
    file_name = models.CharField(_("file name"), max_length=255)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    first_day = models.DateField(_("first day"), null=True)
    last_day = models.DateField(_("last day"), null=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("imported"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("phone import")
        verbose_name_plural = _("phone imports")

    def __str__(self):
        return self.file_name


class PhoneTraffic(models.Model):
    """One group number's calls in a day, or in one hour of a day, from the phone system."""

    phone_import = models.ForeignKey(
        PhoneImport, verbose_name=_("import"), on_delete=models.CASCADE, related_name="traffic"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT)
    day = models.DateField(_("day"))
    # Empty for a row that covers the whole day.
    hour = models.PositiveSmallIntegerField(_("hour"), null=True, blank=True)
    offered = models.PositiveIntegerField(_("calls offered"))
    answered = models.PositiveIntegerField(_("answered"))
    abandoned = models.PositiveIntegerField(_("abandoned"))
    average_wait = models.PositiveIntegerField(_("average wait (s)"))
    longest_wait = models.PositiveIntegerField(_("longest wait (s)"))

    class Meta:
        ordering = ["day", "hour", "unit__code"]
        verbose_name = _("phone traffic")
        verbose_name_plural = _("phone traffic")
        indexes = [models.Index(fields=["day", "unit"], name="phone_traffic_day")]
        constraints = [
            models.CheckConstraint(condition=ANSWERED_AT_MOST_OFFERED, name="phone_answered_le"),
            models.CheckConstraint(
                condition=models.Q(hour__isnull=True) | models.Q(hour__lte=23),
                name="phone_hour_of_day",
            ),
        ]

    def __str__(self):
        hour = "" if self.hour is None else f" {self.hour:02d}"
        return f"{self.unit_id} {self.day}{hour}"


class PhoneMonth(models.Model):
    """A month entered by hand; it stands for the unit's month instead of imported rows."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT)
    month = models.DateField(_("month"))
    offered = models.PositiveIntegerField(_("calls offered"))
    answered = models.PositiveIntegerField(_("answered"))
    abandoned = models.PositiveIntegerField(_("abandoned"))
    average_wait = models.PositiveIntegerField(_("average wait (s)"))
    longest_wait = models.PositiveIntegerField(_("longest wait (s)"))
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
        ordering = ["-month", "unit__code"]
        verbose_name = _("phone month")
        verbose_name_plural = _("phone months")
        constraints = [
            models.UniqueConstraint(fields=["unit", "month"], name="phone_month_once"),
            models.CheckConstraint(condition=FIRST_OF_MONTH, name="phone_month_first_of_month"),
            models.CheckConstraint(
                condition=ANSWERED_AT_MOST_OFFERED,
                name="phone_month_answered_le",
                violation_error_message=_(
                    "There cannot be more answered or abandoned calls than calls offered."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.unit.code} {self.month:%Y-%m}"


class TestCall(models.Model):
    """Internal control: a random call to a group number, and whether it was answered."""

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT)
    number = models.CharField(_("number called"), max_length=30)
    called_at = models.DateTimeField(_("called at"))
    answered = models.BooleanField(_("answered"))
    wait_seconds = models.PositiveIntegerField(
        _("answered after (s)"), null=True, blank=True, help_text=_("Empty if not answered.")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-called_at"]
        verbose_name = _("test call")
        verbose_name_plural = _("test calls")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(answered=True) | models.Q(wait_seconds__isnull=True),
                name="test_call_wait_only_if_answered",
                violation_error_message=_("A call that was not answered has no answering time."),
            )
        ]

    def __str__(self):
        return f"{self.unit.code} {self.called_at:%Y-%m-%d %H:%M}"
