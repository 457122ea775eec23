from datetime import date
from decimal import Decimal

from customers.models import Process
from indicators.forecast.models import VolumePlan
from indicators.surveys.models import CustomerSurveyResult
from tests.indicators.helpers import adjust, employee, unit
from tests.matrix import ROLES, everyone, only

# Everyone inside the centre reads the indicators; a customer's bound controller does not.
READERS = set(ROLES) - {"bound_controller"}
KEEPERS = {"admin", "unit_manager"}  # people and unit figures (a unit manager: own unit)
ADMIN = {"admin"}
SURVEY_WRITERS = {"admin", "head"}
TEST_CALLERS = {"admin", "head", "unit_manager"}


def placeholders(own_customer, other_customer):
    """Objects of the unit manager's own unit (E1) and of another unit (E2)."""
    plan = VolumePlan.objects.create(
        unit=unit("E1"), process=Process.objects.get(code="AR"), month=date(2013, 3, 1), volume=100
    )
    result = CustomerSurveyResult.objects.create(
        year=2011, question="Matrisfråga", satisfied=Decimal(80), answers=10
    )
    return {
        "employee_own": employee("E1", {"AR": 100}).pk,
        "employee_other": employee("E2", {"AP": 100}).pk,
        "adjustment_own": adjust("E1", "AR", "2012-07", "-1").pk,
        "adjustment_other": adjust("E2", "AP", "2012-07", "-1").pk,
        "plan_own": plan.pk,
        "survey_result": result.pk,
    }


def readers(code=200):
    return only(READERS, code)


def _unit_index():
    # Members of a unit go straight to their own unit's page.
    return {**readers(), "unit_manager": 302, "officer": 302}


ROWS = {
    "indicators:dashboard": [
        ("get", {}, None, readers()),
        ("get", {}, {"period": "2012-T2", "enhet": "E2"}, readers()),
    ],
    "indicators:chart": [("get", {"indicator": "ar_productivity"}, {"period": "2012"}, readers())],
    "indicators:chart_export": [("get", {"indicator": "nmi"}, None, readers())],
    "indicators:unit_index": [("get", {}, None, _unit_index())],
    "indicators:unit": [("get", {"code": "E2"}, None, readers())],
    "indicators:process": [("get", {"code": "AP"}, None, readers())],
    "indicators:customer": [
        ("get", {"code": "own"}, None, everyone()),
        ("get", {"code": "other"}, None, {**everyone(), "bound_controller": 404}),
    ],
    "indicators:staffing": [("get", {}, None, readers())],
    "indicators:employees": [("get", {}, None, only(KEEPERS))],
    "indicators:employee_create": [("get", {}, None, only(KEEPERS))],
    "indicators:employee_edit": [
        ("get", {"pk": "employee_own"}, None, only(KEEPERS)),
        ("get", {"pk": "employee_other"}, None, {**only(KEEPERS), "unit_manager": 404}),
    ],
    "indicators:fte_adjustment_create": [("get", {}, None, only(KEEPERS))],
    "indicators:fte_adjustment_delete": [
        ("post", {"pk": "adjustment_own"}, None, only(KEEPERS, 302)),
        ("post", {"pk": "adjustment_other"}, None, {**only(KEEPERS, 302), "unit_manager": 403}),
    ],
    "indicators:targets": [("get", {}, None, readers())],
    "indicators:target_edit": [
        ("get", {"year": 2012, "indicator": "sick_leave"}, None, only(ADMIN))
    ],
    "indicators:targets_copy": [("post", {"year": 2012}, None, only(ADMIN, 302))],
    "indicators:phone": [("get", {}, {"enhet": "E3"}, readers())],
    "indicators:phone_import": [("get", {}, None, only(KEEPERS))],
    "indicators:phone_month": [("get", {}, None, only(KEEPERS))],
    "indicators:test_calls": [("get", {}, None, readers())],
    "indicators:test_call_create": [("get", {}, None, only(TEST_CALLERS))],
    "indicators:sick_leave": [("get", {}, None, readers())],
    "indicators:sick_leave_edit": [
        ("get", {"code": "E1", "year": 2012}, None, only(KEEPERS)),
        ("get", {"code": "E2", "year": 2012}, None, {**only(KEEPERS), "unit_manager": 403}),
    ],
    "indicators:surveys": [("get", {}, None, readers())],
    "indicators:survey_result_create": [("get", {}, None, only(SURVEY_WRITERS))],
    "indicators:survey_result_edit": [("get", {"pk": "survey_result"}, None, only(SURVEY_WRITERS))],
    "indicators:employee_survey_edit": [("get", {"year": 2012}, None, only(SURVEY_WRITERS))],
    "indicators:forecast": [("get", {}, None, readers())],
    "indicators:forecast_chart": [("get", {}, {"fran": "2013-01"}, readers())],
    "indicators:volume_plan_create": [("get", {}, None, only(KEEPERS))],
    "indicators:volume_plan_delete": [("post", {"pk": "plan_own"}, None, only(KEEPERS, 302))],
}
