"""The main pages that axe-core checks in the browser, and as whom.

One line per page: (url name, kwargs, roles). A kwarg may be a function of no arguments,
called once the test data exists (for ids). A new app adds its pages here, one line each.
Each role logs in once and visits its pages in one browser (tests/e2e/test_accessibility.py).
"""

from customers.models import Customer

ALL = frozenset({"admin", "head", "unit_manager", "officer", "controller", "bound_controller"})
STAFF = ALL - {"controller", "bound_controller"}

USERNAMES = {
    "admin": "admin",
    "head": "chef",
    "unit_manager": "enhetschef",
    "officer": "handlaggare",
    "controller": "controller",
    "bound_controller": "controller.riki",
}


def _riki_pk():
    return Customer.objects.get(code="RIKI").pk


PAGES = [
    ("home", {}, ALL),
    ("password_change", {}, {"controller"}),
    ("customers:list", {}, ALL),
    ("customers:detail", {"code": "RIKI"}, {"admin", "unit_manager", "bound_controller"}),
    ("customers:create", {}, {"unit_manager"}),
    ("customers:agreement_list", {}, {"head", "unit_manager"}),
    ("customers:agreement_detail", {"code": "RIKI", "year": 2012}, {"unit_manager", "head"}),
    ("invoicing:price_lists", {}, {"admin", "officer"}),
    ("invoicing:price_list", {"year": 2013}, {"admin", "head"}),
    ("invoicing:volumes", {}, {"officer", "bound_controller"}),
    ("invoicing:volume_documents", {}, {"officer"}),
    ("invoicing:volume_imports", {}, {"officer"}),
    ("invoicing:volume_import_upload", {}, {"officer"}),
    ("invoicing:manual_volumes", {}, {"officer"}),
    ("invoicing:time_list", {}, {"officer", "controller"}),
    ("invoicing:time_week", {}, {"officer"}),
    ("invoicing:time_create", {}, {"unit_manager"}),
    ("invoicing:time_summary", {}, {"unit_manager"}),
    ("invoicing:time_import", {}, {"officer"}),
    ("invoicing:billing_months", {}, {"unit_manager"}),
    ("invoicing:billing_month", {"month": "2013-01"}, {"unit_manager", "bound_controller"}),
    ("invoicing:invoice_list", {}, {"unit_manager", "bound_controller"}),
    ("invoicing:invoice_detail", {"number": "2013-000001"}, {"controller"}),
    ("invoicing:invoice_detail", {"number": "2013-000003"}, {"unit_manager"}),
    ("invoicing:invoice_credit", {"number": "2013-000001"}, {"unit_manager"}),
    ("invoicing:billing_checks", {}, {"admin"}),
    ("invoicing:statistics", {}, {"head", "bound_controller"}),
    ("invoicing:statistics_customer", {"code": "RIKI"}, {"controller"}),
    ("invoicing:budget", {}, {"head"}),
    ("invoicing:budget_edit", {"year": 2013}, {"head"}),
    ("invoicing:budget_import", {"year": 2013}, {"head"}),
    ("invoicing:erp_settings", {}, {"admin"}),
    ("recent_changes", {}, {"head"}),
    ("record_history", {"model": "customers.customer", "pk": _riki_pk}, {"admin"}),
    ("lockouts", {}, {"admin"}),
    ("indicators:dashboard", {}, {"head", "controller"}),
    ("indicators:unit", {"code": "E1"}, {"unit_manager"}),
    ("indicators:process", {"code": "AR"}, {"head"}),
    ("indicators:customer", {"code": "RIKI"}, {"bound_controller"}),
    ("indicators:staffing", {}, {"officer"}),
    ("indicators:employees", {}, {"unit_manager"}),
    ("indicators:employee_create", {}, {"admin"}),
    ("indicators:fte_adjustment_create", {}, {"unit_manager"}),
    ("indicators:targets", {}, {"controller"}),
    ("indicators:target_edit", {"year": 2012, "indicator": "sick_leave"}, {"admin"}),
    ("indicators:phone", {}, {"head"}),
    ("indicators:phone_import", {}, {"unit_manager"}),
    ("indicators:phone_month", {}, {"unit_manager"}),
    ("indicators:test_calls", {}, {"officer"}),
    ("indicators:test_call_create", {}, {"head"}),
    ("indicators:sick_leave", {}, {"officer"}),
    ("indicators:sick_leave_edit", {"code": "E1", "year": 2012}, {"unit_manager"}),
    ("indicators:surveys", {}, {"controller"}),
    ("indicators:survey_result_create", {}, {"head"}),
    ("indicators:employee_survey_edit", {"year": 2012}, {"head"}),
    ("indicators:forecast", {}, {"head"}),
    ("indicators:volume_plan_create", {}, {"unit_manager"}),
    ("indicators:commitments", {}, {"head", "officer"}),
    ("indicators:commitment_create", {}, {"admin"}),
    ("indicators:assessments", {}, {"unit_manager"}),
    ("indicators:assessment", {"tertial": "2012-T2", "code": "E1"}, {"unit_manager", "head"}),
    ("indicators:assessment_compilation", {"tertial": "2012-T1"}, {"head"}),
    ("indicators:action_create", {"tertial": "2012-T1"}, {"head"}),
    ("indicators:actions", {}, {"controller"}),
    ("reports:index", {}, {"head", "bound_controller"}),
    ("reports:archive", {}, {"controller", "bound_controller"}),
    ("reports:commentary", {"period": "2012-T2"}, {"head"}),
]


def pages_for(role):
    return [(name, kwargs) for name, kwargs, roles in PAGES if role in roles]
