from datetime import date

from customers.models import Unit, User
from ekonomi.access import Role
from indicators.assessment.models import Commitment, PrioritisedAction, SelfAssessment
from tests.matrix import ROLES, only

READERS = set(ROLES) - {"bound_controller"}
COMMITMENT_WRITERS = {"admin", "head"}
LEAD = {"head"}


def placeholders(own_customer, other_customer):
    """A submitted T1 assessment of E1 (to reopen), a commitment and an action of 2012."""
    e1 = Unit.objects.get(code="E1")
    SelfAssessment.objects.create(
        unit=e1,
        year=2012,
        number=1,
        status=SelfAssessment.Status.SUBMITTED,
        submitted_by=User.objects.get(role=Role.UNIT_MANAGER, unit=e1),
    )
    action = PrioritisedAction.objects.create(
        year=2012, number=1, area="service", text="Matrisåtgärd", owner="E1", due=date(2012, 4, 30)
    )
    return {
        "commitment": Commitment.objects.filter(year=2012).first().pk,
        "action": action.pk,
    }


def readers(code=200):
    return only(READERS, code)


T1_E1 = {"tertial": "2012-T1", "code": "E1"}
T2_E1 = {"tertial": "2012-T2", "code": "E1"}
T2_E2 = {"tertial": "2012-T2", "code": "E2"}

ROWS = {
    "indicators:commitments": [("get", {}, None, readers())],
    "indicators:commitment_create": [("get", {}, None, only(COMMITMENT_WRITERS))],
    "indicators:commitment_edit": [("get", {"pk": "commitment"}, None, only(COMMITMENT_WRITERS))],
    # Refused for an assessed commitment, deleted otherwise: either way back to the list.
    "indicators:commitment_delete": [
        ("post", {"pk": "commitment"}, None, only(COMMITMENT_WRITERS, 302))
    ],
    "indicators:commitments_copy": [("post", {"year": 2012}, None, only(COMMITMENT_WRITERS, 302))],
    "indicators:assessments": [("get", {}, None, readers())],
    "indicators:assessment": [
        ("get", T2_E1, None, readers()),
        # Only the unit's own manager saves; every other reader is refused.
        ("post", T2_E1, {}, {**only(READERS, 403), "unit_manager": 302}),
        ("post", T2_E2, {}, only(READERS, 403)),
        # Submitted: the manager is sent back with a message, nothing changes.
        ("post", T1_E1, {}, {**only(READERS, 403), "unit_manager": 302}),
    ],
    "indicators:assessment_reopen": [("get", T1_E1, None, only(LEAD))],
    "indicators:assessment_compilation": [("get", {"tertial": "2012-T1"}, None, readers())],
    "indicators:area_summary_edit": [
        ("get", {"tertial": "2012-T1", "area": "service"}, None, only(LEAD))
    ],
    "indicators:action_create": [("get", {"tertial": "2012-T1"}, None, only(LEAD))],
    "indicators:action_edit": [("get", {"pk": "action"}, None, only(LEAD))],
    "indicators:actions": [("get", {}, None, readers())],
}
