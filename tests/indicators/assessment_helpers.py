"""Small set-ups for the self-assessment tests: a year of the tests' own (2015), apart from the
demo's 2012 commitments."""

from datetime import date

from indicators.assessment import services
from indicators.assessment.models import Measure, PrioritisedAction, QualityArea
from indicators.assessment.services import MeasureTie

YEAR = 2015


def commitments(year=YEAR):
    return [
        services.commitment_save(
            year=year,
            area=QualityArea.PRODUCTIVITY,
            text="Vi hanterar fakturorna i tid.",
            measures=[MeasureTie(Measure.AR_PRODUCTIVITY), MeasureTie(Measure.AP_PRODUCTIVITY)],
        ),
        services.commitment_save(
            year=year,
            area=QualityArea.ACCESSIBILITY,
            text="Vi svarar i telefon.",
            measures=[
                MeasureTie(Measure.TEST_CALLS),
                MeasureTie(Measure.SURVEY_QUESTION, "Tillgänglighet per telefon"),
            ],
        ),
    ]


def answer_data(rows, grades, *, comment="Bra", actions=""):
    """The assessment form's POST data: one grade (or "") per commitment."""
    data = {}
    for commitment, grade in zip(rows, grades, strict=True):
        data[f"c{commitment.pk}-grade"] = grade
        data[f"c{commitment.pk}-comment"] = comment
        data[f"c{commitment.pk}-proposed_actions"] = actions
    return data


def action(tertial, *, area=QualityArea.ACCESSIBILITY, text="Bemanna telefonen", status=None):
    return services.action_save(
        tertial=tertial,
        area=area,
        text=text,
        owner="Enhetschef E1",
        due=date(tertial.year, tertial.last_month.month, 28),
        status=status or PrioritisedAction.Status.PLANNED,
    )
