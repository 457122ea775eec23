from decimal import Decimal

from ekonomi.periods import Year
from indicators import demo as indicators_demo
from indicators.phone.models import PhoneTraffic
from indicators.phone.models import TestCall as PhoneTestCall
from indicators.sickleave.models import SickLeave
from indicators.staffing.models import Employee
from indicators.staffing.selectors import staffing_load
from indicators.surveys.models import CustomerSurveyResult, EmployeeSurvey


def _counts():
    return [
        model.objects.count()
        for model in (Employee, PhoneTraffic, PhoneTestCall, SickLeave, CustomerSurveyResult)
    ]


def test_the_demo_has_88_employees_and_84_5_fte_and_loads_once(demo):
    indicators_demo.load({}, activity=True)
    current = Employee.objects.filter(end__isnull=True)
    assert current.count() == 88
    assert sum(e.employment_rate for e in current) == Decimal("8450.00")
    assert Employee.objects.values("unit").distinct().count() == 4
    staffing = staffing_load(months=Year(2012).months())
    processes = {process for _unit, process, _month in staffing.employees}
    assert processes == {"AR", "AP", "CASH", "R2R", "SYS", "TP", "FA"}
    before = _counts()
    indicators_demo.load({}, activity=True)
    assert _counts() == before


def test_the_demo_holds_the_plans_survey_figures(demo):
    indicators_demo.load({}, activity=True)
    overall = CustomerSurveyResult.objects.get(is_overall=True, year=2011)
    assert (overall.question, overall.satisfied) == ("Enheten som helhet", 82)
    phone = CustomerSurveyResult.objects.get(year=2010, question="Tillgänglighet per telefon")
    assert phone.satisfied == 81
    assert dict(EmployeeSurvey.objects.values_list("year", "nmi")) == {2010: 76, 2011: 72}
    sick = [s.percent for s in SickLeave.objects.all()]
    assert len(sick) == 48
    assert Decimal(4) <= sum(sick) / len(sick) <= Decimal(5)
