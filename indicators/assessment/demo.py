"""The 2012 plan's commitments under the five quality areas, and (with the activity) the first
tertial's self-assessment: all four units submitted, the head of operations' summaries and
prioritised actions, so that the second tertial has actions to follow up. Idempotent."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from customers.models import Unit, User
from ekonomi.access import Role
from indicators.assessment.models import (
    AreaSummary,
    Commitment,
    CommitmentAssessment,
    CommitmentMeasure,
    Grade,
    Measure,
    PrioritisedAction,
    QualityArea,
    SelfAssessment,
)

YEAR = 2012
PHONE_QUESTION = "Tillgänglighet per telefon"
MAIL_QUESTION = "Tillgänglighet per e-post"
# (area, text, [(measure, survey question)]) as the plan words them ("Enhetsspecifika åtaganden").
COMMITMENTS = [
    (
        QualityArea.PRODUCTIVITY,
        "Vi åtar oss att hantera i genomsnitt 4 600 kundfakturor respektive 3 300 "
        "leverantörsfakturor per ekonomiadministratör och månad.",
        [(Measure.AR_PRODUCTIVITY, ""), (Measure.AP_PRODUCTIVITY, "")],
    ),
    (
        QualityArea.ACCESSIBILITY,
        "Vi åtar oss att vara nåbara på grupptelefonnummer och via funktionsbrevlådor under "
        "våra öppettider enligt gällande serviceavtal.",
        [
            (Measure.PHONE_ANSWER_RATE, ""),
            (Measure.TEST_CALLS, ""),
            (Measure.SURVEY_QUESTION, PHONE_QUESTION),
            (Measure.SURVEY_QUESTION, MAIL_QUESTION),
        ],
    ),
    (
        QualityArea.ACCESSIBILITY,
        "Vi åtar oss att på intranätet tillhandahålla lättillgänglig aktuell kontaktinformation.",
        [],
    ),
    (
        QualityArea.TREATMENT,
        "Vi åtar oss att ha ett bra bemötande i alla kundkontakter.",
        [],
    ),
    (
        QualityArea.INFORMATION,
        "Vi åtar oss att ge våra kunder tydlig och aktuell information om våra tjänster, "
        "kontaktvägar och blanketter.",
        [],
    ),
    (
        QualityArea.INFORMATION,
        "Vi åtar oss att öka kunskapen om gränssnittet mellan förvaltningarna och "
        "serviceförvaltningen.",
        [],
    ),
    (
        QualityArea.SERVICE,
        "Vi åtar oss att utföra våra uppdrag enligt gällande serviceavtal.",
        [],
    ),
    (QualityArea.SERVICE, "Vi åtar oss att hålla överenskomna ledtider.", []),
    (
        QualityArea.SERVICE,
        "Vi åtar oss att inom vårt ansvarsområde svara på kundens frågor och ge vägledning.",
        [],
    ),
]
# Tertial 1's grades per unit, in the order of COMMITMENTS.
F, P, N = Grade.FULFILLED, Grade.PARTLY, Grade.NOT_FULFILLED
T1_GRADES = {
    "E1": [P, F, F, F, P, P, F, F, F],
    "E2": [F, P, F, F, F, N, F, P, F],
    "E3": [P, P, P, F, F, P, F, F, F],
    "E4": [F, F, F, F, P, P, F, F, P],
}
COMMENTS = {
    P: ("Delvis uppfyllt under tertialen.", "Gå igenom arbetsbeskrivningarna på enhetsmötet."),
    N: ("Inte uppfyllt; kunderna känner inte till gränssnittet.", "Informera på kundmötena."),
}
SUMMARIES = {
    QualityArea.PRODUCTIVITY: "Två enheter når målen; volymtopparna i mars och april påverkar.",
    QualityArea.INFORMATION: "Kunskapen om gränssnittet behöver öka hos flera förvaltningar.",
}
ACTIONS = [
    (
        QualityArea.INFORMATION,
        "Genomgång av gränssnittet på kundmötena med samtliga stadsdelsförvaltningar",
        "Enhetschef E2",
        date(YEAR, 6, 30),
        PrioritisedAction.Status.STARTED,
    ),
    (
        QualityArea.PRODUCTIVITY,
        "Uppdatera arbetsbeskrivningarna för kund- och leverantörsreskontra",
        "Processgrupp KR/LR",
        date(YEAR, 5, 31),
        PrioritisedAction.Status.DONE,
    ),
]


def _commitments():
    if Commitment.objects.filter(year=YEAR).exists():
        return
    for position, (area, text, measures) in enumerate(COMMITMENTS, start=1):
        commitment = Commitment.objects.create(year=YEAR, area=area, position=position, text=text)
        for index, (measure, question) in enumerate(measures):
            CommitmentMeasure.objects.create(
                commitment=commitment, measure=measure, question=question, position=index
            )


def _first_tertial():
    if SelfAssessment.objects.filter(year=YEAR, number=1).exists():
        return
    commitments = list(Commitment.objects.filter(year=YEAR).order_by("position"))
    managers = {u.unit_id: u for u in User.objects.filter(role=Role.UNIT_MANAGER)}
    submitted_at = timezone.make_aware(datetime(YEAR, 5, 10, 15, 0))
    for unit in Unit.objects.filter(code__in=T1_GRADES).order_by("code"):
        assessment = SelfAssessment.objects.create(
            unit=unit,
            year=YEAR,
            number=1,
            status=SelfAssessment.Status.SUBMITTED,
            submitted_at=submitted_at,
            submitted_by=managers.get(unit.pk),
        )
        for commitment, grade in zip(commitments, T1_GRADES[unit.code], strict=True):
            comment, proposed = COMMENTS.get(grade, ("", ""))
            CommitmentAssessment.objects.create(
                assessment=assessment,
                commitment=commitment,
                grade=grade,
                comment=comment,
                proposed_actions=proposed,
            )
    for area, text in SUMMARIES.items():
        AreaSummary.objects.create(year=YEAR, number=1, area=area, text=text)
    for area, text, owner, due, status in ACTIONS:
        PrioritisedAction.objects.create(
            year=YEAR, number=1, area=area, text=text, owner=owner, due=due, status=status
        )


def load(*, activity):
    with transaction.atomic():
        _commitments()
        if activity:
            _first_tertial()
    return [
        _("Commitments %(year)s: %(n)s in five quality areas.")
        % {"year": YEAR, "n": Commitment.objects.filter(year=YEAR).count()}
    ]
