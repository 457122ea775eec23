from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from indicators.fields import percent_field


class CustomerSurveyResult(models.Model):
    """One question of the annual customer survey: the share satisfied and how many answered."""

    year = models.PositiveSmallIntegerField(_("year"))
    question = models.CharField(_("question"), max_length=200)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    satisfied = percent_field(_("satisfied (%)"))
    answers = models.PositiveIntegerField(_("number of answers"), validators=[MinValueValidator(1)])
    # The question whose share is the indicator "satisfied customers".
    is_overall = models.BooleanField(_("overall question"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "position", "question"]
        verbose_name = _("customer survey result")
        verbose_name_plural = _("customer survey results")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "question"],
                name="survey_question_once_a_year",
                violation_error_message=_("This question already has a result for that year."),
            ),
            models.UniqueConstraint(
                fields=["year"],
                condition=models.Q(is_overall=True),
                name="survey_one_overall_question",
                violation_error_message=_("Another question is already the overall one that year."),
            ),
            models.CheckConstraint(
                condition=models.Q(satisfied__gte=0, satisfied__lte=100), name="survey_percent"
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.question}"


class EmployeeSurvey(models.Model):
    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        error_messages={"unique": _("There is already an employee survey for that year.")},
    )
    nmi = percent_field(_("NMI"))
    answers = models.PositiveIntegerField(
        _("number of answers"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("employee survey")
        verbose_name_plural = _("employee surveys")
        constraints = [
            models.CheckConstraint(condition=models.Q(nmi__gte=0, nmi__lte=100), name="nmi_index")
        ]

    def __str__(self):
        return f"NMI {self.year}"
