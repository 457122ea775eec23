"""Commitments per year under the five quality areas, and each unit's tertial self-assessment.

A tertial is stored as (year, number) so that it sorts and filters as numbers; `.tertial`
gives the period object.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from customers.models import Unit
from ekonomi.periods import Tertial
from indicators.definitions import Indicator


class QualityArea(models.TextChoices):
    PRODUCTIVITY = "productivity", _("Productivity")
    ACCESSIBILITY = "accessibility", _("Good accessibility")
    TREATMENT = "treatment", _("Good treatment")
    INFORMATION = "information", _("Clear information")
    SERVICE = "service", _("Right service")


class Measure(models.TextChoices):
    """What can measure a commitment: an indicator of the dashboard, the test calls' share
    answered, or one question of the customer survey (named on the tie)."""

    AR_PRODUCTIVITY = Indicator.AR_PRODUCTIVITY.value, Indicator.AR_PRODUCTIVITY.label
    AP_PRODUCTIVITY = Indicator.AP_PRODUCTIVITY.value, Indicator.AP_PRODUCTIVITY.label
    PHONE_ANSWER_RATE = Indicator.PHONE_ANSWER_RATE.value, Indicator.PHONE_ANSWER_RATE.label
    SICK_LEAVE = Indicator.SICK_LEAVE.value, Indicator.SICK_LEAVE.label
    CUSTOMER_SATISFACTION = (
        Indicator.CUSTOMER_SATISFACTION.value,
        Indicator.CUSTOMER_SATISFACTION.label,
    )
    NMI = Indicator.NMI.value, Indicator.NMI.label
    TEST_CALLS = "test_calls", _("Test calls answered")
    SURVEY_QUESTION = "survey_question", _("Customer survey question")


TERTIAL_NUMBER = [MinValueValidator(1), MaxValueValidator(3)]


class TertialMixin(models.Model):
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("tertial"), validators=TERTIAL_NUMBER)

    class Meta:
        abstract = True

    @property
    def tertial(self) -> Tertial:
        return Tertial(self.year, self.number)


class Commitment(models.Model):
    year = models.PositiveSmallIntegerField(_("year"))
    area = models.CharField(_("quality area"), max_length=20, choices=QualityArea.choices)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("commitment"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["year", "position", "pk"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "text"],
                name="commitment_once_a_year",
                violation_error_message=_("This commitment is already in that year."),
            )
        ]

    def __str__(self):
        return self.text


class CommitmentMeasure(models.Model):
    """A tie from a commitment to something that measures it."""

    commitment = models.ForeignKey(
        Commitment, verbose_name=_("commitment"), on_delete=models.CASCADE, related_name="measures"
    )
    measure = models.CharField(_("measure"), max_length=30, choices=Measure.choices)
    # For a survey question: the question as the survey results name it.
    question = models.CharField(_("survey question"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("measure of a commitment")
        verbose_name_plural = _("measures of commitments")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(measure="survey_question") & ~models.Q(question=""))
                | (~models.Q(measure="survey_question") & models.Q(question="")),
                name="commitment_measure_question_only_for_survey",
                violation_error_message=_(
                    "A survey question is named for a survey measure, and only for it."
                ),
            ),
            models.UniqueConstraint(
                fields=["commitment", "measure", "question"],
                name="commitment_measure_once",
                violation_error_message=_("The commitment is already tied to this measure."),
            ),
        ]

    def __str__(self):
        return self.question or self.get_measure_display()


class Grade(models.TextChoices):
    FULFILLED = "fulfilled", _("Fulfilled")
    PARTLY = "partly", _("Partly fulfilled")
    NOT_FULFILLED = "not_fulfilled", _("Not fulfilled")


class SelfAssessment(TertialMixin):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-number", "unit__code"]
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "number"],
                name="self_assessment_once_per_unit_and_tertial",
                violation_error_message=_("The unit already has an assessment for that tertial."),
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=3), name="self_assessment_tertial"
            ),
        ]

    def __str__(self):
        return f"{self.unit.code} {self.tertial.label}"

    @property
    def is_submitted(self):
        return self.status == self.Status.SUBMITTED


class CommitmentAssessment(models.Model):
    """A unit's grade of one commitment in one tertial."""

    assessment = models.ForeignKey(
        SelfAssessment,
        verbose_name=_("self-assessment"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    commitment = models.ForeignKey(
        Commitment, verbose_name=_("commitment"), on_delete=models.PROTECT, related_name="+"
    )
    grade = models.CharField(_("assessment"), max_length=20, choices=Grade.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    proposed_actions = models.TextField(_("proposed actions"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["commitment__position", "commitment__pk"]
        verbose_name = _("assessment of a commitment")
        verbose_name_plural = _("assessments of commitments")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "commitment"], name="commitment_assessed_once"
            )
        ]

    def __str__(self):
        return f"{self.assessment} {self.commitment}"


class Reopening(models.Model):
    """The log of submitted assessments opened again by the head of operations."""

    assessment = models.ForeignKey(
        SelfAssessment,
        verbose_name=_("self-assessment"),
        on_delete=models.CASCADE,
        related_name="reopenings",
    )
    reopened_at = models.DateTimeField(_("reopened"), auto_now_add=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reopened by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.TextField(_("reason"))

    class Meta:
        ordering = ["-reopened_at", "-pk"]
        verbose_name = _("reopening")
        verbose_name_plural = _("reopenings")

    def __str__(self):
        return f"{self.assessment} {self.reopened_at:%Y-%m-%d}"


class AreaSummary(TertialMixin):
    """The head of operations' summary of one quality area over the four units."""

    area = models.CharField(_("quality area"), max_length=20, choices=QualityArea.choices)
    text = models.TextField(_("summary"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-number", "area"]
        verbose_name = _("area summary")
        verbose_name_plural = _("area summaries")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "number", "area"], name="area_summary_once_per_tertial"
            )
        ]

    def __str__(self):
        return f"{self.get_area_display()} {self.tertial.label}"


class PrioritisedAction(TertialMixin):
    """An action the management group prioritised in a tertial; followed up in the next ones."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Not started")
        STARTED = "started", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    OPEN = (Status.PLANNED, Status.STARTED)

    area = models.CharField(_("quality area"), max_length=20, choices=QualityArea.choices)
    text = models.TextField(_("action"))
    owner = models.CharField(_("owner"), max_length=100)
    due = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-number", "area", "due", "pk"]
        verbose_name = _("prioritised action")
        verbose_name_plural = _("prioritised actions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=3), name="prioritised_action_tertial"
            )
        ]

    def __str__(self):
        return self.text
