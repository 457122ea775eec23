"""Targets, sick leave and surveys: the figures entered once a month or once a year."""

from decimal import Decimal

from django.urls import reverse

from ekonomi.periods import Month, Year
from indicators.dashboard.selectors import Facts
from indicators.definitions import Direction, Indicator, Status
from indicators.sickleave.models import SickLeave
from indicators.surveys.models import CustomerSurveyResult, EmployeeSurvey
from indicators.targets.models import Target
from tests.indicators.helpers import employee, unit


def test_the_targets_are_copied_to_the_next_year_like_the_price_list(client_for):
    client = client_for("admin")
    response = client.post(reverse("indicators:targets_copy", args=[2012]))
    assert response.status_code == 302
    copied = {t.indicator: (t.direction, t.value) for t in Target.objects.filter(year=2013)}
    assert copied[Indicator.AR_PRODUCTIVITY] == (Direction.HIGHER, Decimal("4600.0"))
    assert copied[Indicator.NMI] == (Direction.RISE, None)
    again = client.post(reverse("indicators:targets_copy", args=[2012]), follow=True)
    assert "Mål för 2013 finns redan." in again.text


def test_an_administrator_sets_the_answer_rate_target(client_for):
    url = reverse("indicators:target_edit", args=[2012, "phone_answer_rate"])
    client = client_for("admin")
    assert "Ange målvärdet." in client.post(url, {"direction": "higher", "value": ""}).text
    client.post(url, {"direction": "higher", "value": "92,5"})
    target = Target.objects.get(year=2012, indicator=Indicator.PHONE_ANSWER_RATE)
    assert target.value == Decimal("92.5")


def test_sick_leave_is_entered_per_unit_and_month_and_weighted_by_fte(demo, client_for):
    employee("E1", {"AR": 100})
    employee("E1", {"AP": 100}, rate=50)
    employee("E2", {"AP": 100}, rate=50)
    client = client_for("unit_manager")
    url = reverse("indicators:sick_leave_edit", args=["E1", 2012])
    response = client.post(url, {"2012-01": "6", "2012-02": "3,5"})
    assert response.status_code == 302
    SickLeave.objects.create(unit=unit("E2"), month=Month(2012, 1).start, percent=Decimal(3))
    facts = Facts.load(Year(2012).months())
    january = facts.evaluate(Indicator.SICK_LEAVE, [Month(2012, 1)])
    # (6 x 1.5 + 3 x 0.5) / 2 = 5.25 -> 5.3, above the target 4.5 by more than 5 %.
    assert january.figure.value == Decimal("5.3")
    assert january.status == Status.MISSED
    assert facts.evaluate(Indicator.SICK_LEAVE, [Month(2012, 2)]).status == Status.MET


def test_a_sick_leave_percentage_outside_0_to_100_is_refused(client_for):
    url = reverse("indicators:sick_leave_edit", args=["E1", 2012])
    response = client_for("admin").post(url, {"2012-01": "101"})
    assert "Ange en procentsats från 0 till 100." in response.text
    assert not SickLeave.objects.exists()


def test_a_unit_manager_may_not_enter_another_units_sick_leave(client_for):
    url = reverse("indicators:sick_leave_edit", args=["E2", 2012])
    assert client_for("unit_manager").post(url, {"2012-01": "4"}).status_code == 403
    assert not SickLeave.objects.exists()


def test_a_survey_share_without_a_count_is_refused(client_for):
    response = client_for("head").post(
        reverse("indicators:survey_result_create"),
        {"year": "2012", "question": "Helhet", "position": "1", "satisfied": "84", "answers": ""},
    )
    assert "En andel nöjda kunder behöver antalet svar som den bygger på." in response.text
    assert not CustomerSurveyResult.objects.exists()


def test_the_survey_shows_the_previous_year_beside_each_question(client_for):
    for year, share, answers in ((2010, 80, 212), (2011, 82, 236)):
        CustomerSurveyResult.objects.create(
            year=year,
            question="Enheten som helhet",
            satisfied=share,
            answers=answers,
            is_overall=True,
        )
    response = client_for("controller").get(reverse("indicators:surveys"), {"ar": 2011})
    [(row, last)] = response.context["questions"]
    assert (row.satisfied, row.answers, last.satisfied, last.answers) == (82, 236, 80, 212)
    assert "82\u00a0%" in response.text and "80\u00a0%" in response.text


def test_nmi_should_rise_and_a_fall_is_not_met(demo):
    EmployeeSurvey.objects.create(year=2010, nmi=Decimal(76))
    EmployeeSurvey.objects.create(year=2011, nmi=Decimal(72))
    nmi = Facts.load(Year(2012).months()).evaluate(Indicator.NMI, Year(2012).months())
    # 2012 has no survey yet: the latest (2011) is shown against the one before it.
    assert (nmi.figure.value, nmi.figure.note) == (Decimal(72), "enkät 2011")
    assert nmi.target == Decimal(76)
    assert nmi.status == Status.MISSED
