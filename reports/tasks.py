"""The reports' background work: one job kind that makes one report, and the nightly task that
starts it for each report of the night. Thin: each calls one service."""

import logging

from celery import shared_task
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekonomi import access, jobs
from invoicing.billing.tasks import billing_checks_run
from reports import services
from reports.models import Report

logger = logging.getLogger("ekonomi.reports")


def unique_key(kind, period, customer_id):
    # One job per report at a time: the lock that keeps two runs of the same report apart.
    return f"reports:{kind}:{period}:{customer_id or 'all'}"


@jobs.job("reports.report_make", label=gettext_lazy("Making a report"), rule=access.REPORTS_MAKE)
def report_make(job, *, kind, period, customer_id=None, mode, origin):
    report = services.report_produce(
        kind=kind,
        period=period,
        customer_id=customer_id,
        mode=mode,
        user=job.user,
        job_id=job.id,
        origin=origin,
        progress=job.progress,
    )
    if report is None:
        return jobs.Result(message=_("The final report was already archived."))
    return jobs.Result(
        data={"report": report.pk, "pages": report.pages},
        url=reverse("reports:detail", args=[report.pk]),
        message=_("%(report)s is archived (%(pages)s pages).")
        % {"report": report, "pages": report.pages},
    )


def report_start(*, kind, period, customer_id=None, mode, user, origin=Report.Origin.USER):
    return jobs.start(
        report_make,
        user=user,
        params={
            "kind": str(kind),
            "period": str(period),
            "customer_id": customer_id,
            "mode": mode,
            "origin": str(origin),
        },
        unique_key=unique_key(kind, period, customer_id),
    )


@shared_task(name="reports.nightly", ignore_result=True)
def reports_nightly():
    """The nightly run: every report of the plan as its own job, and the billing checks."""
    user = services.nightly_user()
    with transaction.atomic():
        started = [
            report_start(
                kind=kind,
                period=period,
                customer_id=customer_id,
                mode=mode,
                user=user,
                origin=Report.Origin.NIGHTLY,
            )
            for kind, period, customer_id, mode in services.nightly_plan(today=timezone.localdate())
        ]
        transaction.on_commit(billing_checks_run.delay)
    logger.info("nightly reports: %s jobs queued", len(started))
