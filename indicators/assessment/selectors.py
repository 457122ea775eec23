"""Reads for the commitments and the tertial self-assessment.

For the tertial report (reports/), one call gives the whole compilation as plain data:

    from indicators.assessment.selectors import tertial_compilation

    compilation = tertial_compilation(tertial=Tertial(2012, 2))        # the four units
    compilation = tertial_compilation(tertial=Tertial(2012, 2), unit=unit)  # one unit

`Compilation`
    .tertial (Tertial), .units [UnitStatus: code, name, status ("submitted", "draft",
    "missing"), status_label, submitted_at, assessed (commitments graded), commitments],
    .areas [AreaCompilation],
    .grade_counts [(grade, grade label, how many of the units' commitments were so graded)]
`AreaCompilation` (the five quality areas in the plan's order)
    .area, .label, .summary (the head of operations' text, "" if none),
    .commitments [CommitmentRow: id, text, measures (labels), units [UnitGrade]],
    .actions [ActionRow]: the actions prioritised this tertial,
    .carried [ActionRow]: earlier tertials' actions followed up now (last tertial's, and older
    ones still open), each with its current status
`UnitGrade`
    .unit_code, .unit_name, .assessment_status ("submitted", "draft" or "missing") and its
    label, .grade ("fulfilled", "partly", "not_fulfilled" or "" when not assessed) and
    .grade_label (a word, never only a colour), .comment, .proposed_actions,
    .figures [MeasureFigure: label, figure (indicators.figures.Figure), unit ("%" or
    "per FTE-month"), decimals, target, status, status_label]: the tied measures' figures for
    the unit and the tertial (the survey's are the whole centre's, latest survey up to it)
`ActionRow`
    .id, .tertial_label, .area, .area_label, .text, .owner, .due (date), .status, .status_label

Drafts are included and say so in `assessment_status`; a report may show only submitted ones.
Figures are Decimal or None (with the reason in `figure.reason`).
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from customers.models import Unit
from ekonomi.periods import Tertial
from indicators.assessment.models import (
    AreaSummary,
    Commitment,
    Grade,
    Measure,
    PrioritisedAction,
    QualityArea,
    SelfAssessment,
)
from indicators.dashboard.selectors import Facts
from indicators.definitions import DEFINITIONS, Indicator, Status, percent
from indicators.figures import Figure
from indicators.phone.selectors import test_call_summary
from indicators.surveys.models import CustomerSurveyResult
from indicators.surveys.selectors import latest_up_to, survey_note

NO_TEST_CALLS = gettext_lazy("No test calls in the period.")
NO_SURVEY_ANSWER = gettext_lazy("The question is in no survey up to the period.")
MISSING = "missing"


# --- commitments ---------------------------------------------------------------------------


def commitment_years() -> list[int]:
    return sorted(set(Commitment.objects.values_list("year", flat=True)), reverse=True)


def commitments_by_area(*, year) -> list[tuple]:
    """[(QualityArea, [Commitment with its measures])] for the five areas in the plan's order."""
    rows = Commitment.objects.filter(year=year).prefetch_related("measures")
    by_area = {area: [] for area in QualityArea}
    for commitment in rows:
        by_area[QualityArea(commitment.area)].append(commitment)
    return list(by_area.items())


# --- the tied measures' figures ------------------------------------------------------------


@dataclass(frozen=True)
class MeasureFigure:
    label: str
    figure: Figure
    unit: str = ""  # "%" or "per FTE-month"
    decimals: int = 1
    target: Decimal | None = None
    status: str = Status.UNKNOWN
    status_label: str = ""


class MeasureReader:
    """The figures of every kind of measure for one tertial, from one load of facts."""

    def __init__(self, tertial: Tertial):
        self.months = tertial.months()
        self.year = tertial.year
        self.facts = Facts.load(self.months)
        self.test_calls = test_call_summary(months=self.months)
        self.survey = {}
        for row in CustomerSurveyResult.objects.filter(year__lte=tertial.year):
            self.survey.setdefault(row.question, {})[row.year] = row.satisfied

    def figure(self, tie, unit_id) -> MeasureFigure:
        if tie.measure in Indicator.values:
            indicator = Indicator(tie.measure)
            definition = DEFINITIONS[indicator]
            evaluation = self.facts.evaluate(indicator, self.months, unit_id)
            return MeasureFigure(
                str(indicator.label),
                evaluation.figure,
                str(definition.unit),
                definition.decimals,
                evaluation.target,
                evaluation.status,
                str(evaluation.status.label),
            )
        if tie.measure == Measure.TEST_CALLS:
            counts = [
                counts
                for unit, counts in self.test_calls.items()
                if unit_id is None or unit == unit_id
            ]
            calls = sum(n for n, _answered in counts)
            answered = sum(a for _n, a in counts)
            share = percent(answered, calls)
            figure = (
                Figure(
                    share,
                    note=_("%(answered)s of %(calls)s") % {"answered": answered, "calls": calls},
                )
                if share is not None
                else Figure.missing(NO_TEST_CALLS)
            )
            return MeasureFigure(str(Measure.TEST_CALLS.label), figure, "%")
        latest = latest_up_to(self.survey.get(tie.question, {}), self.year)
        if latest is None:
            figure = Figure.missing(NO_SURVEY_ANSWER)
        else:
            year, satisfied = latest
            figure = Figure(satisfied, note=survey_note(year))
        return MeasureFigure(tie.question, figure, "%")


def measure_figures(*, commitments, tertial, unit_ids) -> dict:
    """{(commitment id, unit id): [MeasureFigure]}."""
    reader = MeasureReader(tertial)
    return {
        (commitment.pk, unit_id): [reader.figure(tie, unit_id) for tie in commitment.measures.all()]
        for commitment in commitments
        for unit_id in unit_ids
    }


# --- assessments ---------------------------------------------------------------------------


def assessment_for(*, unit, tertial) -> SelfAssessment | None:
    return SelfAssessment.objects.filter(
        unit=unit, year=tertial.year, number=tertial.number
    ).first()


def answers_of(assessment) -> dict:
    """{commitment id: CommitmentAssessment}."""
    if assessment is None:
        return {}
    return {row.commitment_id: row for row in assessment.answers.all()}


def carried_actions(*, tertial):
    """Earlier tertials' actions followed up in `tertial`: all of the last tertial's, and older
    ones while they are still open."""
    previous = tertial.previous()
    earlier = Q(year__lt=tertial.year) | Q(year=tertial.year, number__lt=tertial.number)
    last = Q(year=previous.year, number=previous.number)
    return PrioritisedAction.objects.filter(earlier).filter(
        last | Q(status__in=PrioritisedAction.OPEN)
    )


def actions_of(*, tertial):
    return PrioritisedAction.objects.filter(year=tertial.year, number=tertial.number)


def actions():
    return PrioritisedAction.objects.all()


@dataclass(frozen=True)
class UnitStatus:
    code: str
    name: str
    status: str
    status_label: str
    submitted_at: datetime | None = None
    assessed: int = 0
    commitments: int = 0


def _unit_status(unit, assessment, total) -> UnitStatus:
    if assessment is None:
        return UnitStatus(unit.code, unit.name, MISSING, _("Not started"), None, 0, total)
    graded = sum(1 for row in assessment.answers.all() if row.grade)
    return UnitStatus(
        unit.code,
        unit.name,
        assessment.status,
        str(assessment.get_status_display()),
        assessment.submitted_at,
        graded,
        total,
    )


def tertial_overview(*, tertial) -> list[UnitStatus]:
    total = Commitment.objects.filter(year=tertial.year).count()
    assessments = {
        a.unit_id: a
        for a in SelfAssessment.objects.filter(
            year=tertial.year, number=tertial.number
        ).prefetch_related("answers")
    }
    return [
        _unit_status(unit, assessments.get(unit.pk), total)
        for unit in Unit.objects.order_by("code")
    ]


# --- the compilation -----------------------------------------------------------------------


@dataclass(frozen=True)
class UnitGrade:
    unit_code: str
    unit_name: str
    assessment_status: str
    assessment_status_label: str
    grade: str = ""
    grade_label: str = ""
    comment: str = ""
    proposed_actions: str = ""
    figures: list = field(default_factory=list)


@dataclass(frozen=True)
class CommitmentRow:
    id: int
    text: str
    measures: list
    units: list


@dataclass(frozen=True)
class ActionRow:
    id: int
    tertial_label: str
    area: str
    area_label: str
    text: str
    owner: str
    due: date
    status: str
    status_label: str

    @classmethod
    def of(cls, action):
        return cls(
            action.pk,
            action.tertial.label,
            action.area,
            str(action.get_area_display()),
            action.text,
            action.owner,
            action.due,
            action.status,
            str(action.get_status_display()),
        )


@dataclass(frozen=True)
class AreaCompilation:
    area: str
    label: str
    summary: str
    commitments: list
    actions: list
    carried: list


@dataclass(frozen=True)
class Compilation:
    tertial: Tertial
    units: list
    areas: list
    grade_counts: list


def tertial_compilation(*, tertial: Tertial, unit=None) -> Compilation:
    units = [unit] if unit is not None else list(Unit.objects.order_by("code"))
    assessments = {
        a.unit_id: a
        for a in SelfAssessment.objects.filter(
            year=tertial.year, number=tertial.number, unit__in=units
        ).prefetch_related("answers")
    }
    answers = {
        (unit_id, row.commitment_id): row
        for unit_id, assessment in assessments.items()
        for row in assessment.answers.all()
    }
    by_area = commitments_by_area(year=tertial.year)
    commitments = [c for _area, rows in by_area for c in rows]
    figures = measure_figures(
        commitments=commitments, tertial=tertial, unit_ids=[u.pk for u in units]
    )
    summaries = {
        s.area: s.text for s in AreaSummary.objects.filter(year=tertial.year, number=tertial.number)
    }
    this_tertial = list(actions_of(tertial=tertial))
    carried = list(carried_actions(tertial=tertial))
    counts = dict.fromkeys(Grade.values, 0)
    areas = []
    for area, rows in by_area:
        commitment_rows = []
        for commitment in rows:
            unit_grades = []
            for u in units:
                assessment = assessments.get(u.pk)
                answer = answers.get((u.pk, commitment.pk))
                if answer and answer.grade:
                    counts[answer.grade] += 1
                unit_grades.append(
                    UnitGrade(
                        u.code,
                        u.name,
                        assessment.status if assessment else MISSING,
                        str(assessment.get_status_display()) if assessment else _("Not started"),
                        answer.grade if answer else "",
                        str(answer.get_grade_display()) if answer and answer.grade else "",
                        answer.comment if answer else "",
                        answer.proposed_actions if answer else "",
                        figures[(commitment.pk, u.pk)],
                    )
                )
            commitment_rows.append(
                CommitmentRow(
                    commitment.pk,
                    commitment.text,
                    [str(m) for m in commitment.measures.all()],
                    unit_grades,
                )
            )
        areas.append(
            AreaCompilation(
                area.value,
                str(area.label),
                summaries.get(area.value, ""),
                commitment_rows,
                [ActionRow.of(a) for a in this_tertial if a.area == area],
                [ActionRow.of(a) for a in carried if a.area == area],
            )
        )
    return Compilation(
        tertial,
        [_unit_status(u, assessments.get(u.pk), len(commitments)) for u in units],
        areas,
        [(grade.value, str(grade.label), counts[grade.value]) for grade in Grade],
    )
