from django.urls import reverse

from ekonomi.periods import Tertial
from indicators.assessment import demo as assessment_demo
from indicators.assessment.models import Commitment, SelfAssessment
from indicators.assessment.selectors import commitments_by_area, tertial_compilation


def test_the_demo_holds_the_plans_commitments_for_2012(demo):
    areas = {area.value: rows for area, rows in commitments_by_area(year=2012)}
    assert [len(rows) for rows in areas.values()] == [1, 2, 1, 2, 3]
    productivity = areas["productivity"][0]
    assert "4 600 kundfakturor" in productivity.text
    assert [m.measure for m in productivity.measures.all()] == [
        "ar_productivity",
        "ap_productivity",
    ]
    reachable = areas["accessibility"][0]
    assert [str(m) for m in reachable.measures.all()] == [
        "Svarsfrekvens i telefon",
        "Besvarade provsamtal",
        "Tillgänglighet per telefon",
        "Tillgänglighet per e-post",
    ]


def test_the_demo_activity_has_a_submitted_first_tertial_and_loads_once(demo):
    assessment_demo.load(activity=True)
    assessment_demo.load(activity=True)
    assert Commitment.objects.filter(year=2012).count() == 9
    submitted = SelfAssessment.objects.filter(year=2012, number=1, status="submitted")
    assert sorted(submitted.values_list("unit__code", flat=True)) == ["E1", "E2", "E3", "E4"]
    t2 = tertial_compilation(tertial=Tertial(2012, 2))
    carried = [a.text for area in t2.areas for a in area.carried]
    assert len(carried) == 2


def test_the_admin_shows_a_submitted_assessment_but_does_not_change_it(client_for, demo):
    assessment_demo.load(activity=True)
    admin = client_for("admin")
    assessment = SelfAssessment.objects.get(unit__code="E1", year=2012, number=1)
    for name, args in (
        ("admin:indicators_selfassessment_changelist", []),
        ("admin:indicators_selfassessment_change", [assessment.pk]),
        ("admin:indicators_commitment_changelist", []),
        ("admin:indicators_prioritisedaction_changelist", []),
    ):
        assert admin.get(reverse(name, args=args)).status_code == 200, name
    response = admin.post(
        reverse("admin:indicators_selfassessment_change", args=[assessment.pk]),
        {"status": "draft"},
    )
    assert response.status_code == 403
    assessment.refresh_from_db()
    assert assessment.status == "submitted"
