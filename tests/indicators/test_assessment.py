from datetime import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from customers.models import Unit
from ekonomi.periods import Tertial
from indicators.assessment import services
from indicators.assessment.models import (
    Commitment,
    CommitmentAssessment,
    PrioritisedAction,
    Reopening,
    SelfAssessment,
)
from indicators.assessment.selectors import tertial_compilation
from indicators.phone.models import TestCall as PhoneTestCall
from indicators.surveys.models import CustomerSurveyResult
from tests.indicators.assessment_helpers import YEAR, action, answer_data, commitments

T1 = Tertial(YEAR, 1)
T2 = Tertial(YEAR, 2)
T3 = Tertial(YEAR, 3)


def url(tertial=T1, code="E1"):
    return reverse("indicators:assessment", kwargs={"tertial": str(tertial), "code": code})


def text_of(response):
    return response.content.decode()


@pytest.fixture
def rows(demo):
    return commitments()


def submit_for(unit_code, rows, grades, tertial=T1):
    from customers.models import User

    manager = User(
        username=f"chef.{unit_code}", role="unit_manager", unit=Unit.objects.get(code=unit_code)
    )
    manager.save()
    unit = manager.unit
    assessment = services.assessment_save(
        user=manager,
        unit=unit,
        tertial=tertial,
        answers=[
            services.Answer(c.pk, g, f"{unit_code} om {c.pk}")
            for c, g in zip(rows, grades, strict=True)
        ],
    )
    return services.assessment_submit(user=manager, assessment=assessment)


# --- the flow ------------------------------------------------------------------------------


def test_it_saves_a_draft_then_submits_and_is_read_only_after(client_for, users, rows):
    client = client_for("unit_manager")
    response = client.post(url(), answer_data(rows, ["fulfilled", ""], comment="Nästan"))
    assert response.status_code == 302
    assessment = SelfAssessment.objects.get(unit__code="E1", year=YEAR, number=1)
    assert assessment.status == SelfAssessment.Status.DRAFT
    page = text_of(client.get(url()))
    assert "Utkast" in page
    assert "Nästan" in page

    data = answer_data(rows, ["fulfilled", "partly"], actions="Fler i telefonen")
    response = client.post(url(), {**data, "submit": ""}, follow=True)
    assert "Självskattningen skickades in." in text_of(response)
    assessment.refresh_from_db()
    assert assessment.status == SelfAssessment.Status.SUBMITTED
    assert assessment.submitted_by == users["unit_manager"]
    page = text_of(client.get(url()))
    assert "Inskickad" in page
    assert "endast läsning" in page
    assert "Delvis uppfyllt" in page
    assert 'name="submit"' not in page

    response = client.post(
        url(), answer_data(rows, ["not_fulfilled", "not_fulfilled"]), follow=True
    )
    assert "kan inte längre ändras" in text_of(response)
    grades = set(CommitmentAssessment.objects.values_list("grade", flat=True))
    assert grades == {"fulfilled", "partly"}


def test_it_refuses_to_submit_until_every_commitment_is_assessed(client_for, rows):
    client = client_for("unit_manager")
    data = {**answer_data(rows, ["fulfilled", ""]), "submit": ""}
    response = client.post(url(), data, follow=True)
    assert "1 har inte bedömts ännu" in text_of(response)
    assessment = SelfAssessment.objects.get(unit__code="E1", year=YEAR, number=1)
    assert assessment.status == SelfAssessment.Status.DRAFT
    # What was filled in is kept.
    assert assessment.answers.get(commitment=rows[0]).grade == "fulfilled"


def test_the_head_reopens_and_the_reopening_is_logged(client_for, users, rows):
    submit_for("E1", rows, ["fulfilled", "fulfilled"])
    head = client_for("head")
    reopen_url = reverse("indicators:assessment_reopen", kwargs={"tertial": str(T1), "code": "E1"})
    response = head.post(reopen_url, {"reason": ""})
    assert "Detta fält måste fyllas i." in text_of(response)
    response = head.post(reopen_url, {"reason": "Fel enhet bedömd"}, follow=True)
    assert "Självskattningen öppnades igen." in text_of(response)
    log = Reopening.objects.get()
    assert (log.reopened_by, log.reason) == (users["head"], "Fel enhet bedömd")
    assessment = SelfAssessment.objects.get(unit__code="E1", year=YEAR, number=1)
    assert assessment.status == SelfAssessment.Status.DRAFT
    page = text_of(client_for("unit_manager").get(url()))
    assert "Fel enhet bedömd" in page
    assert 'name="submit"' in page
    # The status changes are in the record's history too, with who made them.
    history = client_for("head").get(
        reverse("record_history", args=["indicators.selfassessment", log.assessment_id])
    )
    assert history.status_code == 200
    assert "Utkast" in text_of(history) and "Inskickad" in text_of(history)
    # A draft cannot be reopened again.
    assert client_for("head").get(reopen_url).status_code == 302
    with pytest.raises(ValidationError):
        services.assessment_reopen(user=users["head"], assessment=assessment, reason="Igen")


def test_the_head_sees_the_units_side_by_side_and_writes_summary_and_actions(client_for, rows):
    submit_for("E1", rows, ["fulfilled", "partly"])
    submit_for("E2", rows, ["not_fulfilled", "fulfilled"])
    head = client_for("head")
    compilation_url = reverse("indicators:assessment_compilation", kwargs={"tertial": str(T1)})
    page = text_of(head.get(compilation_url))
    for name in ("Enhet 1", "Enhet 2", "Enhet 3", "Enhet 4"):
        assert name in page
    assert "Ej uppfyllt" in page and "Delvis uppfyllt" in page and "Ej påbörjad" in page
    assert "Bedömningar för alla enheter och åtaganden" in page
    assert "E2 om" in page

    summary_url = reverse(
        "indicators:area_summary_edit", kwargs={"tertial": str(T1), "area": "accessibility"}
    )
    assert head.post(summary_url, {"text": "Telefonen brister hos E1."}).status_code == 302
    create_url = reverse("indicators:action_create", kwargs={"tertial": str(T1)})
    response = head.post(
        create_url,
        {"area": "accessibility", "text": "Fler i telefonen", "owner": "Erik", "due": "2015-05-31"},
    )
    assert "Detta fält måste fyllas i." in text_of(response)  # the status is required
    data = {
        "area": "accessibility",
        "text": "Fler i telefonen",
        "owner": "Erik",
        "due": "2015-05-31",
        "status": "started",
    }
    assert head.post(create_url, data).status_code == 302

    compilation = tertial_compilation(tertial=T1)
    area = next(a for a in compilation.areas if a.area == "accessibility")
    assert area.summary == "Telefonen brister hos E1."
    assert [(a.text, a.owner, a.status_label) for a in area.actions] == [
        ("Fler i telefonen", "Erik", "Pågår")
    ]
    grades = {g.unit_code: g.grade_label for g in area.commitments[0].units}
    assert grades == {"E1": "Delvis uppfyllt", "E2": "Uppfyllt", "E3": "", "E4": ""}
    assert [u.status for u in compilation.units] == ["submitted", "submitted", "missing", "missing"]
    assert compilation.grade_counts == [
        ("fulfilled", "Uppfyllt", 2),
        ("partly", "Delvis uppfyllt", 1),
        ("not_fulfilled", "Ej uppfyllt", 1),
    ]
    one_unit = tertial_compilation(tertial=T1, unit=Unit.objects.get(code="E2"))
    assert [u.code for u in one_unit.units] == ["E2"]


def test_actions_come_back_with_their_status_in_the_next_tertial(client_for, rows):
    started = action(T1, text="Bemanna telefonen", status=PrioritisedAction.Status.STARTED)
    action(T1, text="Skriv om blanketten", status=PrioritisedAction.Status.DONE)
    page = text_of(client_for("unit_manager").get(url(T2)))
    assert "Bemanna telefonen" in page and "Pågår" in page
    assert "Skriv om blanketten" in page and "Klar" in page
    area = next(a for a in tertial_compilation(tertial=T2).areas if a.area == "accessibility")
    assert [a.text for a in area.carried] == ["Bemanna telefonen", "Skriv om blanketten"]
    assert area.actions == []
    # Two tertials on, only what is still open is followed up.
    area = next(a for a in tertial_compilation(tertial=T3).areas if a.area == "accessibility")
    assert [a.text for a in area.carried] == ["Bemanna telefonen"]
    started.status = PrioritisedAction.Status.DONE
    started.save()
    area = next(a for a in tertial_compilation(tertial=T3).areas if a.area == "accessibility")
    assert area.carried == []


def test_the_tied_measures_figures_are_shown_beside_the_commitment(client_for, rows):
    unit = Unit.objects.get(code="E1")
    for day, answered in ((3, True), (10, True), (17, True), (24, False)):
        PhoneTestCall.objects.create(
            unit=unit,
            number="08-1",
            called_at=timezone.make_aware(datetime(YEAR, 2, day, 10)),
            answered=answered,
        )
    CustomerSurveyResult.objects.create(
        year=YEAR - 1, question="Tillgänglighet per telefon", satisfied=Decimal(86), answers=100
    )
    page = text_of(client_for("unit_manager").get(url()))
    assert "Besvarade provsamtal: <strong>75,0&nbsp;%</strong>" in page
    assert "3 av 4" in page
    assert "Tillgänglighet per telefon: <strong>86,0&nbsp;%</strong>" in page
    assert "enkät 2014" in page
    # No volumes or staff in 2015: the reason is shown instead of a figure.
    assert "Kundfakturor per årsarbetare och månad: \u2013" in page


# --- permissions ---------------------------------------------------------------------------


def test_another_units_manager_reads_but_cannot_assess(client_for, rows):
    client = client_for("unit_manager")  # manager of E1
    assert client.get(url(code="E2")).status_code == 200
    response = client.post(url(code="E2"), answer_data(rows, ["fulfilled", "fulfilled"]))
    assert response.status_code == 403
    assert not SelfAssessment.objects.filter(unit__code="E2").exists()
    page = text_of(client.get(url(code="E2")))
    assert 'name="submit"' not in page


@pytest.mark.parametrize("role", ["admin", "head", "officer", "controller"])
def test_nobody_but_the_units_manager_assesses(client_for, rows, role):
    response = client_for(role).post(url(), answer_data(rows, ["fulfilled", "fulfilled"]))
    assert response.status_code == 403
    assert not SelfAssessment.objects.exists()


def test_an_outsider_is_denied(client_for, rows):
    client = client_for("bound_controller")
    assert client.get(url()).status_code == 403
    assert client.get(reverse("indicators:commitments")).status_code == 403
    assert client.post(url(), answer_data(rows, ["fulfilled", "fulfilled"])).status_code == 403


def test_guessed_ids_answer_404(client_for, rows):
    head = client_for("head")
    assert head.get(url(code="XX")).status_code == 404
    assert head.get(reverse("indicators:assessment", args=["2015-T9", "E1"])).status_code == 404
    assert head.get(reverse("indicators:action_edit", args=[999999])).status_code == 404
    reopen = reverse("indicators:assessment_reopen", kwargs={"tertial": str(T1), "code": "E1"})
    assert head.get(reopen).status_code == 404  # nothing submitted yet
    assert head.get(reverse("indicators:area_summary_edit", args=[str(T1), "x"])).status_code == 404


def test_the_services_refuse_the_wrong_people(users, rows):
    e2 = Unit.objects.get(code="E2")
    with pytest.raises(PermissionDenied):
        services.assessment_save(user=users["unit_manager"], unit=e2, tertial=T1, answers=[])
    assessment = submit_for("E2", rows, ["fulfilled", "fulfilled"])
    with pytest.raises(PermissionDenied):
        services.assessment_reopen(user=users["unit_manager"], assessment=assessment, reason="x")
    with pytest.raises(PermissionDenied):
        services.assessment_reopen(user=users["admin"], assessment=assessment, reason="x")


# --- commitments and the copy to next year -------------------------------------------------


def test_the_head_copies_the_commitments_to_next_year_as_a_job(client_for, rows):
    head = client_for("head")
    copy_url = reverse("indicators:commitments_copy", kwargs={"year": YEAR})
    response = head.post(copy_url, follow=True)
    page = text_of(response)
    assert "2 åtaganden för 2016 skapades." in page
    copied = Commitment.objects.filter(year=YEAR + 1).prefetch_related("measures")
    assert [(c.area, c.text) for c in copied] == [(c.area, c.text) for c in rows]
    assert [str(m) for m in copied[1].measures.all()] == [
        "Besvarade provsamtal",
        "Tillgänglighet per telefon",
    ]
    response = head.post(copy_url, follow=True)
    assert "Åtaganden för 2016 finns redan." in text_of(response)
    assert Commitment.objects.filter(year=YEAR + 1).count() == 2


def test_copying_a_year_without_commitments_is_refused(demo):
    with pytest.raises(ValidationError, match="Det finns inga åtaganden för 2030"):
        services.commitments_copy_to_next_year(year=2030)


def test_the_head_writes_a_commitment_tied_to_measures(client_for, demo):
    head = client_for("head")
    response = head.post(
        f"{reverse('indicators:commitment_create')}?ar={YEAR}",
        {
            "area": "accessibility",
            "text": "Vi svarar på e-post.",
            "measures": ["phone_answer_rate"],
            "survey_questions": "Tillgänglighet per e-post\n\nTillgänglighet per e-post",
        },
    )
    assert response.status_code == 302
    commitment = Commitment.objects.get(year=YEAR)
    assert [str(m) for m in commitment.measures.all()] == [
        "Svarsfrekvens i telefon",
        "Tillgänglighet per e-post",
    ]
    page = text_of(head.get(f"{reverse('indicators:commitments')}?ar={YEAR}"))
    assert "Vi svarar på e-post." in page and "God tillgänglighet" in page


def test_an_assessed_commitment_cannot_be_deleted(client_for, rows):
    submit_for("E1", rows, ["fulfilled", "fulfilled"])
    response = client_for("head").post(
        reverse("indicators:commitment_delete", args=[rows[0].pk]), follow=True
    )
    assert "har bedömts och kan inte tas bort" in text_of(response)
    assert Commitment.objects.filter(pk=rows[0].pk).exists()


def test_the_actions_list_filters_and_exports(client_for, demo):
    action(T1, text="Bemanna telefonen")
    action(T2, text="Ny blankett", area="information")
    client = client_for("officer")
    page = text_of(client.get(reverse("indicators:actions"), {"area": "information"}))
    assert "Ny blankett" in page and "Bemanna telefonen" not in page
    response = client.get(reverse("indicators:actions"), {"export": "csv"})
    assert response.status_code == 200
    assert "Bemanna telefonen" in response.content.decode("utf-8-sig")


def test_a_year_without_commitments_cannot_be_submitted(client_for, demo):
    client = client_for("unit_manager")
    empty = Tertial(2031, 1)
    response = client.post(url(empty), {"submit": ""}, follow=True)
    assert "Det finns inga åtaganden för 2031." in text_of(response)
    assert SelfAssessment.objects.get(year=2031).status == SelfAssessment.Status.DRAFT


def test_only_the_head_gets_links_to_edit_the_actions(client_for, demo):
    edit = reverse("indicators:action_edit", args=[action(T1).pk])
    assert edit in text_of(client_for("head").get(reverse("indicators:actions")))
    assert edit not in text_of(client_for("officer").get(reverse("indicators:actions")))
