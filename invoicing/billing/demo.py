"""Demo billing: January-October 2012 billed as the unit manager would, month by month.

Idempotent: a billed month is skipped.
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from customers.models import User
from ekonomi.money import format_sek
from ekonomi.periods import Month
from invoicing import closing
from invoicing.billing import basis, services
from invoicing.billing.models import ErpSettings
from invoicing.volumes.models import MonthlyVolume

YEAR = 2012
BILLED_THROUGH = 10


def _billing():
    issuer = User.objects.filter(role="unit_manager").order_by("pk").first()
    lines = []
    for number in range(1, BILLED_THROUGH + 1):
        month = Month(YEAR, number)
        if not MonthlyVolume.objects.filter(month=month.start).exists():
            continue
        if closing.is_billed(month):
            continue
        preview = basis.billing_basis(month=month)
        if not preview.can_issue:
            lines.append(
                _("%(month)s not billed: %(problems)s")
                % {"month": month.label, "problems": " ".join(preview.problems)}
            )
            continue
        issued = services.billing_issue(month=month, user=issuer)
        lines.append(
            _("%(month)s billed: %(count)s invoices, %(total)s.")
            % {
                "month": month.label,
                "count": len(issued),
                "total": format_sek(sum((i.total for i in issued), Decimal("0.00"))),
            }
        )
    return lines


def load(data):
    ErpSettings.current()
    return _billing()
