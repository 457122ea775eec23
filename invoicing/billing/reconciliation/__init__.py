"""The nightly billing checks: what must always hold for issued invoices and ERP files.

Each check returns its findings: failures, which something must be done about, and notes,
which explain a difference that is as it should be (a waiver, a month waiting for a reissue,
late volumes waiting for the next invoice). `run_checks` stores both; the start page shows the
failures, and each failure is logged as an error, so that monitoring that watches the log sees
them too.
"""

import logging

from django.utils import timezone

from invoicing.billing.models import CheckFailure, CheckNote, CheckRun
from invoicing.billing.reconciliation.erp_files import check_erp_files
from invoicing.billing.reconciliation.findings import Findings
from invoicing.billing.reconciliation.invoices import check_invoices
from invoicing.billing.reconciliation.series import check_series

logger = logging.getLogger("invoicing.reconciliation")

CHECKS = [
    (CheckFailure.Check.SERIES, check_series),
    (CheckFailure.Check.INVOICE, check_invoices),
    (CheckFailure.Check.ERP_FILE, check_erp_files),
]

__all__ = ["CHECKS", "Findings", "check_erp_files", "check_invoices", "check_series", "run_checks"]


def run_checks() -> CheckRun:
    run = CheckRun.objects.create()
    for name, check in CHECKS:
        findings = check()
        for message in findings.failures:
            logger.error("billing check %s failed: %s", name, message)
            CheckFailure.objects.create(run=run, check_name=name, message=message)
        CheckNote.objects.bulk_create(
            CheckNote(run=run, check_name=name, message=message) for message in findings.notes
        )
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at"])
    return run
