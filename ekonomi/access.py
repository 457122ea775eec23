"""Who may do what: every view states its rule here in one line, and scoping lives here.

A rule names the roles that may use a view; anyone else gets 403. Data is scoped
separately: a controller bound to one customer sees that customer's records and nothing
else, and another customer's object answers 404 so that its existence does not leak.
"""

import logging
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger("ekonomi.access")


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    HEAD = "head", _("Head of operations")
    UNIT_MANAGER = "unit_manager", _("Unit manager")
    OFFICER = "officer", _("Case officer")
    CONTROLLER = "controller", _("Controller")

    @classmethod
    def unit_roles(cls):
        return {cls.UNIT_MANAGER, cls.OFFICER}


@dataclass(frozen=True)
class Rule:
    name: str
    roles: frozenset
    # A controller bound to one customer passes only rules about customer data.
    admits_bound: bool = True

    def permits(self, user):
        if not (user.is_authenticated and user.is_active and user.role in self.roles):
            return False
        return self.admits_bound or bound_customer_id(user) is None


def _rule(name, *roles, admits_bound=True):
    return Rule(name, frozenset(roles), admits_bound)


ALL = tuple(Role)
STAFF = (Role.ADMIN, Role.HEAD, Role.UNIT_MANAGER, Role.OFFICER)

# Reading: everyone who can log in, within their scope.
READ = _rule("read", *ALL)
# Internal working pages that a customer's own controller has no business in.
STAFF_READ = _rule("staff_read", *STAFF)
# The customer register and agreements are kept by unit managers (customer managers).
CUSTOMER_WRITE = _rule("customer_write", Role.ADMIN, Role.UNIT_MANAGER)
# Record history (the audit trail) is for administrators and the head of operations.
HISTORY = _rule("history", Role.ADMIN, Role.HEAD)
# Login lockouts: administrators see and lift them.
LOCKOUTS = _rule("lockouts", Role.ADMIN)
# Price lists are master data: administrators keep them.
PRICE_WRITE = _rule("price_write", Role.ADMIN)
# Hours are reported by those who do the work and by their managers; for whom each may report
# is a rule of the time-reporting services.
TIME_WRITE = _rule("time_write", Role.ADMIN, Role.UNIT_MANAGER, Role.OFFICER)

# Volumes are imported and entered by those who handle the documents.
VOLUME_WRITE = _rule("volume_write", Role.ADMIN, Role.UNIT_MANAGER, Role.OFFICER)
# Billing runs (preview, issue, credit notes) are the unit managers' monthly work.
BILLING_RUN = _rule("billing_run", Role.ADMIN, Role.UNIT_MANAGER)
# Invoices, specifications and the billing basis: everyone, a bound controller only their own
# customer's (the views scope the rows).
BILLING_READ = _rule("billing_read", *ALL)
# The ERP file carries every customer's charge in one voucher, so no controller gets it.
BILLING_ERP = _rule("billing_erp", Role.ADMIN, Role.HEAD, Role.UNIT_MANAGER)
# Client, voucher type and accounts for the ERP file are master data.
ERP_SETTINGS_WRITE = _rule("erp_settings_write", Role.ADMIN)
# The unit's own budget is not a customer's business.
BUDGET_READ = _rule(
    "budget_read", Role.ADMIN, Role.HEAD, Role.UNIT_MANAGER, Role.CONTROLLER, admits_bound=False
)
BUDGET_WRITE = _rule("budget_write", Role.ADMIN, Role.HEAD)
# Failed nightly billing checks are shown to administrators.
BILLING_CHECKS = _rule("billing_checks", Role.ADMIN)
# Customer contacts, complaints, meetings and returned documents are recorded by the staff who
# meet the customers; a controller only reads them (a bound one only their own customer's).
CONTACT_WRITE = _rule("contact_write", *STAFF)
# The complaints compilations count every customer, so no bound controller gets them.
COMPLAINT_REPORTS = _rule("complaint_reports", *ALL, admits_bound=False)
# The reasons for returning documents and their message templates are kept by the managers.
RETURN_REASON_WRITE = _rule("return_reason_write", Role.ADMIN, Role.UNIT_MANAGER)
# Background jobs: everyone may follow the jobs they started; who else sees a job is decided per
# job by its kind's rule, and a bound controller sees only their own (ekonomi/jobs/selectors.py).
JOBS = _rule("jobs", *ALL)

# Indicators (the centre's own follow-up): everyone but a customer's bound controller reads the
# aggregates; who sees people and who writes follows below.
INDICATORS_READ = _rule("indicators_read", *ALL, admits_bound=False)
# Named employees are personal data: administrators keep the register, a unit manager sees and
# keeps their own unit's people (the views scope the rows); everyone else sees aggregates.
STAFFING_PEOPLE = _rule("staffing_people", Role.ADMIN, Role.UNIT_MANAGER)
# Sick leave, FTE adjustments, manual phone months and volume plans are entered per unit by its
# manager (the services refuse another unit) or by an administrator.
UNIT_FIGURES_WRITE = _rule("unit_figures_write", Role.ADMIN, Role.UNIT_MANAGER)
# Targets are master data, like the price list.
TARGET_WRITE = _rule("target_write", Role.ADMIN)
# The phone system's export is read in by administrators and unit managers.
PHONE_IMPORT = _rule("phone_import", Role.ADMIN, Role.UNIT_MANAGER)
# Internal control rings the group numbers: the management group records the test calls.
TEST_CALL_WRITE = _rule("test_call_write", Role.ADMIN, Role.HEAD, Role.UNIT_MANAGER)
# Survey results arrive once a year and are entered by the head of operations or an administrator.
SURVEY_WRITE = _rule("survey_write", Role.ADMIN, Role.HEAD)
# The commitments of the year are the plan's: the head of operations keeps them, or an
# administrator.
COMMITMENT_WRITE = _rule("commitment_write", Role.ADMIN, Role.HEAD)
# Each unit's manager assesses the unit's commitments each tertial (the services refuse
# another unit's assessment).
ASSESSMENT_WRITE = _rule("assessment_write", Role.UNIT_MANAGER)
# The head of operations compiles the four units: reopens a submitted assessment, writes each
# area's summary and records the prioritised actions.
ASSESSMENT_LEAD = _rule("assessment_lead", Role.HEAD)

# Monthly and tertial reports: everyone reads the archive, a bound controller only their own
# customer's reports (reports/selectors.py scopes the rows).
REPORTS_READ = _rule("reports_read", *ALL)
# Producing a report now ("Skapa nu") is for the management group and the administrators.
REPORTS_MAKE = _rule("reports_make", Role.ADMIN, Role.HEAD, Role.UNIT_MANAGER)
# The tertial report's commentary is the head of operations' to write and to finish.
REPORTS_COMMENT = _rule("reports_comment", Role.ADMIN, Role.HEAD)


def allow(rule):
    """Decorate a view with its access rule; the permission-matrix test reads `access_rule`."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not rule.permits(request.user):
                logger.warning(
                    "access denied: user=%s role=%s rule=%s path=%s",
                    request.user.get_username(),
                    getattr(request.user, "role", None),
                    rule.name,
                    request.path,
                )
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapped.access_rule = rule
        return wrapped

    return decorator


def public(view):
    """Mark a view that needs no login (login page, error pages)."""
    view = login_not_required(view)
    view.access_rule = None
    return view


def bound_customer_id(user):
    return user.customer_id if user.role == Role.CONTROLLER else None


def scope(queryset, user, customer_path="customer"):
    """Limit a queryset to what the user may see; `customer_path` leads to the customer id."""
    customer_id = bound_customer_id(user)
    if customer_id is None:
        return queryset
    return queryset.filter(**{customer_path: customer_id})


def get_scoped_or_404(queryset, user, customer_path="customer", **lookup):
    try:
        return get_object_or_404(scope(queryset, user, customer_path), **lookup)
    except Http404:
        if bound_customer_id(user) is not None and queryset.filter(**lookup).exists():
            logger.warning(
                "out-of-scope object: user=%s model=%s lookup=%s",
                user.get_username(),
                queryset.model._meta.label,
                lookup,
            )
        raise


def can(user, rule):
    return rule.permits(user)
