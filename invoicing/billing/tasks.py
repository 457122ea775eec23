from decimal import Decimal

from celery import shared_task
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekonomi import access, jobs
from ekonomi.money import format_sek
from ekonomi.periods import Month
from invoicing.billing import reconciliation, services


@jobs.job("invoicing.billing_issue", label=gettext_lazy("Issuing a month"), rule=access.BILLING_RUN)
def billing_issue(job, *, month, digest):
    month = Month.parse(month)
    issued = services.billing_issue(month=month, user=job.user, expected_digest=digest)
    total = sum((invoice.total for invoice in issued), Decimal("0.00"))
    return jobs.Result(
        data={"invoices": len(issued), "total": str(total)},
        url=reverse("invoicing:billing_month", args=[str(month)]),
        message=_("%(month)s is issued: %(count)s invoices, %(total)s.")
        % {"month": capfirst(month.label), "count": len(issued), "total": format_sek(total)},
    )


@shared_task(name="invoicing.billing_checks")
def billing_checks_run():
    reconciliation.run_checks()
