"""Producing and archiving reports, and the head of operations' commentary.

`report_produce` is what every path runs: the nightly job, "Skapa nu" and finishing a tertial's
commentary. It runs inside the job's transaction (an atomic job kind, ekonomi/jobs), so the
archive row and its files commit together or not at all; a worker killed half-way leaves
nothing, and the attempt that runs again archives the one report.

Idempotency, per kind, period and scope (whole report or one customer):
- a draft replaces the draft before it (one draft at a time, a database constraint);
- a final is never changed; asking for a new final gives the next version;
- the nightly job asks for a final only once: if one exists it does nothing.
"""

import logging

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from customers.models import Customer
from ekonomi.access import Role
from ekonomi.periods import Month, Tertial
from reports import assembly, rendering, selectors
from reports.models import Commentary, Kind, Report, ReportFile

logger = logging.getLogger("ekonomi.reports")

DRAFT, FINAL, NIGHTLY = "draft", "final", "nightly"
MODES = (DRAFT, FINAL, NIGHTLY)
# The account the nightly jobs run as: a job needs a starter, and the archive says "nightly job".
NIGHTLY_USERNAME = "nattjobb"


def is_closed(period, today) -> bool:
    return period.end <= today


def final_refusal(*, kind, period, customer, today, commentary):
    """Why a final report cannot be made yet, or None; `commentary` is the period's, or None."""
    if not is_closed(period, today):
        return _("%(period)s has not ended yet; only a draft can be made.") % {
            "period": period.label
        }
    if (
        kind == Kind.TERTIAL
        and customer is None
        and (commentary is None or commentary.finished_at is None)
    ):
        return _("The head of operations has not finished the commentary for %(period)s yet.") % {
            "period": period.label
        }
    return None


def report_produce(
    *, kind, period, customer_id=None, mode, user, job_id=None, origin, today=None, progress=None
) -> Report | None:
    """Assemble, render and archive one report; returns None when the nightly job finds the
    final already archived."""
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}")
    today = today or timezone.localdate()
    period = assembly.period_of(kind, str(period))
    customer = Customer.objects.get(pk=customer_id) if customer_id else None
    scope = Report.objects.filter(kind=kind, period=str(period), customer=customer)
    commentary = selectors.commentary_of(period)
    refusal = final_refusal(
        kind=kind, period=period, customer=customer, today=today, commentary=commentary
    )
    if mode == FINAL and refusal:
        raise ValidationError(refusal)
    final = mode == FINAL or (mode == NIGHTLY and refusal is None)
    if mode == NIGHTLY and final and scope.filter(status=Report.Status.FINAL).exists():
        logger.info("report %s %s %s: final already archived", kind, period, customer)
        return None
    if progress:
        progress(0.1, _("Collecting the figures"))
    with override("sv"):
        document = assembly.build(
            kind=kind,
            period=period,
            customer_obj=customer,
            commentary=commentary,
            draft=not final,
            today=today,
        )
        if mode == NIGHTLY and not final and refusal and is_closed(period, today):
            document.chapters[0].missing.insert(0, refusal)
        if progress:
            progress(0.5, _("Writing the PDF"))
        pdf, pages = rendering.pdf(document)
        if progress:
            progress(0.9, _("Writing the workbook"))
        workbook = rendering.xlsx(document)
    with transaction.atomic():
        if final:
            # Locks the scope's finals so that two runs cannot take the same number; the
            # unique constraint is the last word.
            latest = scope.select_for_update().filter(status=Report.Status.FINAL)
            version = (latest.aggregate(n=Max("version"))["n"] or 0) + 1
            status = Report.Status.FINAL
        else:
            scope.filter(status=Report.Status.DRAFT).delete()
            version, status = None, Report.Status.DRAFT
        report = Report.objects.create(
            kind=kind,
            period=str(period),
            customer=customer,
            status=status,
            version=version,
            origin=origin,
            produced_by=user,
            job_id=job_id,
            pages=pages,
            missing=document.missing,
        )
        for fmt, content in ((ReportFile.Format.PDF, pdf), (ReportFile.Format.XLSX, workbook)):
            ReportFile.objects.create(
                report=report,
                format=fmt,
                content=content,
                size=len(content),
                sha256=rendering.sha256(content),
            )
    logger.info("report archived: %s, %s pages, %s", report, pages, report.pk)
    return report


def nightly_user():
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=NIGHTLY_USERNAME,
        defaults={"role": Role.ADMIN, "is_active": False, "first_name": "Nattjobb"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def nightly_plan(*, today):
    """What the nightly job makes: [(kind, period, customer id or None, mode)].

    The last closed month and tertial once as final (the tertial as a draft until its
    commentary is finished), fresh drafts of the current month and tertial, and each bound
    controller's customer report for the same tertials.
    """
    month = Month.from_date(today)
    tertial = Tertial.from_date(today)
    plan = [
        (Kind.MONTHLY, month.previous(), None, NIGHTLY),
        (Kind.TERTIAL, tertial.previous(), None, NIGHTLY),
        (Kind.MONTHLY, month, None, DRAFT),
        (Kind.TERTIAL, tertial, None, DRAFT),
    ]
    customers = (
        Customer.objects.filter(bound_users__is_active=True, bound_users__role=Role.CONTROLLER)
        .distinct()
        .order_by("code")
        .values_list("pk", flat=True)
    )
    for customer_id in customers:
        plan += [
            (Kind.TERTIAL, tertial.previous(), customer_id, NIGHTLY),
            (Kind.TERTIAL, tertial, customer_id, DRAFT),
        ]
    return plan


@transaction.atomic
def commentary_save(*, period, user, finish=False, **texts) -> Commentary:
    commentary = Commentary.objects.select_for_update().filter(period=str(period)).first()
    if commentary is None:
        commentary = Commentary(period=str(period))
    for key, _label in Commentary.SECTIONS:
        if key in texts:
            setattr(commentary, key, texts[key])
    commentary.updated_by = user
    if finish and commentary.finished_at is None:
        commentary.finished_at = timezone.now()
    elif not finish:
        commentary.finished_at = None
    commentary.full_clean()
    commentary.save()
    return commentary
