from customers.models import User
from reports.models import Report, ReportFile
from tests.matrix import ROLES, everyone, only, scoped

MAKERS = {"admin", "head", "unit_manager"}
COMMENTATORS = {"admin", "head"}


def _report(customer=None):
    report = Report.objects.create(
        kind="tertial",
        period="2012-T2",
        customer=customer,
        status=Report.Status.DRAFT,
        origin=Report.Origin.USER,
        produced_by=User.objects.get(username="chef"),
    )
    ReportFile.objects.create(report=report, format="pdf", content=b"%PDF", size=4, sha256="0")
    return report


def placeholders(own_customer, other_customer):
    return {
        "own_report": _report(own_customer).pk,
        "other_report": _report(other_customer).pk,
        "whole_report": _report().pk,
    }


NOT_BOUND = set(ROLES) - {"bound_controller"}

ROWS = {
    "reports:index": [("get", {}, None, everyone())],
    "reports:archive": [("get", {}, None, everyone())],
    # An invalid period: the form answers 400 to those who may make reports.
    "reports:make": [("post", {}, {"kind": "monthly", "period": "x"}, only(MAKERS, 400))],
    "reports:detail": [
        ("get", {"pk": "own_report"}, None, everyone()),
        ("get", {"pk": "other_report"}, None, scoped(everyone())),
        ("get", {"pk": "whole_report"}, None, only(NOT_BOUND, denied=404)),
    ],
    "reports:download": [
        ("get", {"pk": "own_report", "fmt": "pdf"}, None, everyone()),
        ("get", {"pk": "other_report", "fmt": "pdf"}, None, scoped(everyone())),
        ("get", {"pk": "whole_report", "fmt": "pdf"}, None, only(NOT_BOUND, denied=404)),
    ],
    "reports:commentary": [("get", {"period": "2012-T2"}, None, only(COMMENTATORS))],
}
