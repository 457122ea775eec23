"""Writes of commitments and self-assessments; every rule about who may change what is here."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ekonomi import access
from ekonomi.periods import Tertial
from indicators.assessment.models import (
    AreaSummary,
    Commitment,
    CommitmentAssessment,
    CommitmentMeasure,
    PrioritisedAction,
    Reopening,
    SelfAssessment,
)


@dataclass(frozen=True)
class MeasureTie:
    measure: str
    question: str = ""


def _save_measures(commitment, measures):
    commitment.measures.all().delete()
    for position, tie in enumerate(measures):
        row = CommitmentMeasure(
            commitment=commitment, measure=tie.measure, question=tie.question, position=position
        )
        row.full_clean()
        row.save()


@transaction.atomic
def commitment_save(
    *,
    commitment: Commitment | None = None,
    year: int,
    area: str,
    text: str,
    measures: list[MeasureTie],
) -> Commitment:
    if commitment is None:
        last = Commitment.objects.filter(year=year).aggregate(m=Max("position"))["m"]
        commitment = Commitment(year=year, position=(last or 0) + 1)
    commitment.area = area
    commitment.text = text
    commitment.full_clean()
    commitment.save()
    _save_measures(commitment, measures)
    return commitment


@transaction.atomic
def commitment_delete(*, commitment: Commitment) -> None:
    if CommitmentAssessment.objects.filter(commitment=commitment).exists():
        raise ValidationError(
            _("The commitment has been assessed and cannot be deleted."), code="assessed"
        )
    commitment.delete()


@transaction.atomic
def commitments_copy_to_next_year(*, year: int) -> int:
    """Next year's commitments as this year's, with their measures; refused if there are any."""
    source = list(Commitment.objects.filter(year=year).prefetch_related("measures"))
    if not source:
        raise ValidationError(
            _("There are no commitments for %(year)s to copy.") % {"year": year}, code="empty"
        )
    if Commitment.objects.filter(year=year + 1).exists():
        raise ValidationError(
            _("Commitments for %(year)s already exist.") % {"year": year + 1}, code="exists"
        )
    for commitment in source:
        copy = Commitment(
            year=year + 1, area=commitment.area, position=commitment.position, text=commitment.text
        )
        copy.full_clean()
        copy.save()
        _save_measures(copy, [MeasureTie(m.measure, m.question) for m in commitment.measures.all()])
    return len(source)


def can_assess(user, unit) -> bool:
    """Only the unit's own manager assesses it."""
    return access.can(user, access.ASSESSMENT_WRITE) and user.unit_id == unit.pk


def ensure_own_unit(user, unit) -> None:
    if not can_assess(user, unit):
        raise PermissionDenied


def assessment_get_or_create(*, unit, tertial: Tertial) -> SelfAssessment:
    assessment, _created = SelfAssessment.objects.get_or_create(
        unit=unit, year=tertial.year, number=tertial.number
    )
    return assessment


def _ensure_open(assessment):
    if assessment.is_submitted:
        raise ValidationError(
            _("The assessment has been submitted and can no longer be changed."), code="submitted"
        )


@dataclass(frozen=True)
class Answer:
    commitment_id: int
    grade: str
    comment: str = ""
    proposed_actions: str = ""


@transaction.atomic
def assessment_save(*, user, unit, tertial: Tertial, answers: list[Answer]) -> SelfAssessment:
    ensure_own_unit(user, unit)
    assessment = assessment_get_or_create(unit=unit, tertial=tertial)
    # Locked so that a submit in another request cannot slip in between the check and the write.
    assessment = SelfAssessment.objects.select_for_update().get(pk=assessment.pk)
    _ensure_open(assessment)
    valid = set(Commitment.objects.filter(year=tertial.year).values_list("pk", flat=True))
    rows = {row.commitment_id: row for row in assessment.answers.all()}
    for answer in answers:
        if answer.commitment_id not in valid:
            raise ValidationError(_("The commitment is not one of the year's."), code="commitment")
        row = rows.get(answer.commitment_id)
        if row is None:
            row = rows[answer.commitment_id] = CommitmentAssessment(
                assessment=assessment, commitment_id=answer.commitment_id
            )
        row.grade = answer.grade
        row.comment = answer.comment
        row.proposed_actions = answer.proposed_actions
        # The assessment is locked and the commitment checked above, and the lookup keeps one
        # row per commitment: only the answer's own fields need validating.
        row.full_clean(exclude={"assessment", "commitment"}, validate_constraints=False)
        row.save()
    return assessment


@transaction.atomic
def assessment_submit(*, user, assessment: SelfAssessment) -> SelfAssessment:
    ensure_own_unit(user, assessment.unit)
    assessment = SelfAssessment.objects.select_for_update().get(pk=assessment.pk)
    _ensure_open(assessment)
    if not Commitment.objects.filter(year=assessment.year).exists():
        raise ValidationError(
            _("There are no commitments for %(year)s.") % {"year": assessment.year},
            code="no_commitments",
        )
    graded = set(assessment.answers.exclude(grade="").values_list("commitment_id", flat=True))
    missing = Commitment.objects.filter(year=assessment.year).exclude(pk__in=graded).count()
    if missing:
        raise ValidationError(
            _("Assess every commitment before submitting; %(n)s not assessed yet.")
            % {"n": missing},
            code="incomplete",
        )
    assessment.status = SelfAssessment.Status.SUBMITTED
    assessment.submitted_at = timezone.now()
    assessment.submitted_by = user
    assessment.save()
    return assessment


@transaction.atomic
def assessment_reopen(*, user, assessment: SelfAssessment, reason: str) -> Reopening:
    if not access.can(user, access.ASSESSMENT_LEAD):
        raise PermissionDenied
    assessment = SelfAssessment.objects.select_for_update().get(pk=assessment.pk)
    if not assessment.is_submitted:
        raise ValidationError(_("The assessment is not submitted."), code="not_submitted")
    if not reason.strip():
        raise ValidationError(_("Say why the assessment is reopened."), code="reason")
    assessment.status = SelfAssessment.Status.DRAFT
    assessment.submitted_at = None
    assessment.submitted_by = None
    assessment.save()
    return Reopening.objects.create(assessment=assessment, reopened_by=user, reason=reason)


@transaction.atomic
def area_summary_save(*, tertial: Tertial, area: str, text: str) -> AreaSummary:
    summary = AreaSummary.objects.filter(
        year=tertial.year, number=tertial.number, area=area
    ).first() or AreaSummary(year=tertial.year, number=tertial.number, area=area)
    summary.text = text
    summary.full_clean()
    summary.save()
    return summary


@transaction.atomic
def action_save(
    *,
    action: PrioritisedAction | None = None,
    tertial: Tertial | None = None,
    area: str,
    text: str,
    owner: str,
    due: date,
    status: str,
) -> PrioritisedAction:
    if action is None:
        action = PrioritisedAction(year=tertial.year, number=tertial.number)
    action.area = area
    action.text = text
    action.owner = owner
    action.due = due
    action.status = status
    action.full_clean()
    action.save()
    return action
