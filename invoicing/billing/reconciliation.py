"""The nightly billing checks: what must always hold for issued invoices and ERP files.

Each check returns its failures as sentences; `run_checks` stores them for the start page and
logs each as an error, so that monitoring that watches the log sees them too.
"""

import hashlib
import logging
from collections import Counter, defaultdict

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from ekonomi.money import round_ore
from invoicing.billing import gl07
from invoicing.billing.models import (
    CheckFailure,
    CheckRun,
    ErpFile,
    Invoice,
    InvoiceLine,
    InvoiceSeries,
)
from invoicing.timereport.models import TimeEntry
from invoicing.volumes.models import MonthlyVolume

logger = logging.getLogger("invoicing.reconciliation")
Line = InvoiceLine.Kind


def check_series() -> list[str]:
    """Each year's numbers run 1, 2, 3 … up to the series' last number: no gap, no duplicate."""
    failures = []
    numbers = defaultdict(list)
    for year, sequence, number in Invoice.objects.values_list("year", "sequence", "number"):
        numbers[year].append(sequence)
        if number != Invoice.format_number(year, sequence):
            failures.append(
                _("Invoice %(number)s does not carry its sequence number %(sequence)s.")
                % {"number": number, "sequence": sequence}
            )
    last = dict(InvoiceSeries.objects.values_list("year", "last_number"))
    for year in sorted(numbers.keys() | last.keys()):
        sequences = numbers.get(year, [])
        for sequence, count in sorted(Counter(sequences).items()):
            if count > 1:
                failures.append(
                    _("Number %(number)s is used %(count)s times.")
                    % {"number": Invoice.format_number(year, sequence), "count": count}
                )
        highest = max([last.get(year, 0), *sequences])
        missing = sorted(set(range(1, highest + 1)) - set(sequences))
        if missing:
            failures.append(
                _("The series %(year)s has gaps: %(numbers)s.")
                % {
                    "year": year,
                    "numbers": ", ".join(Invoice.format_number(year, n) for n in missing[:20]),
                }
            )
    return failures


def _line_failures(invoices, lines_by_invoice):
    failures = []
    for invoice in invoices:
        lines = lines_by_invoice.get(invoice.pk, [])
        for line in lines:
            expected = round_ore(line.quantity * line.unit_price)
            if line.amount != expected or line.unit_price != line.price_item.price:
                failures.append(
                    _(
                        "Invoice %(number)s line %(position)s: %(quantity)s at %(price)s is not "
                        "%(amount)s."
                    )
                    % {
                        "number": invoice.number,
                        "position": line.position,
                        "quantity": line.quantity,
                        "price": line.price_item.price,
                        "amount": line.amount,
                    }
                )
        if sum(line.amount for line in lines) != invoice.total:
            failures.append(
                _("Invoice %(number)s: the total %(total)s is not the sum of its lines.")
                % {"number": invoice.number, "total": invoice.total}
            )
        if invoice.credits_id:
            original = lines_by_invoice.get(invoice.credits_id, [])
            mirrored = [(o.code, -o.quantity, -o.amount) for o in original]
            if mirrored != [(line.code, line.quantity, line.amount) for line in lines]:
                failures.append(
                    _("Credit note %(number)s does not cancel the lines of the invoice it credits.")
                    % {"number": invoice.number}
                )
    return failures


def _basis_failures():
    """Billed quantities against what was counted: never more volume, exactly the hours."""
    failures = []
    billed = (
        InvoiceLine.objects.values_list(
            "invoice__customer__code", "price_item_id", "code", "service_month", "kind"
        )
        .annotate(quantity=Sum("quantity"))
        .order_by()
    )
    volumes = {
        (c, p, m): q
        for c, p, m, q in MonthlyVolume.objects.values_list(
            "customer__code", "price_item_id", "month", "quantity"
        )
    }
    billed_volumes = defaultdict(int)
    billed_hours = defaultdict(int)
    codes = {}
    for customer, item, code, month, kind, quantity in billed:
        if kind == Line.HOURS:
            billed_hours[(customer, code, month)] += quantity
        else:
            billed_volumes[(customer, item, month)] += quantity
            codes[item] = code
    for key, quantity in sorted(billed_volumes.items()):
        if quantity > volumes.get(key, 0):
            customer, item, month = key
            failures.append(
                _("%(customer)s %(code)s %(month)s: %(billed)s billed, %(counted)s counted.")
                % {
                    "customer": customer,
                    "code": codes[item],
                    "month": f"{month:%Y-%m}",
                    "billed": quantity,
                    "counted": volumes.get(key, 0),
                }
            )
    reported = defaultdict(int)
    for customer, code, day, hours in TimeEntry.objects.values_list(
        "customer__code", "service__hourly_price_code", "date", "hours"
    ).iterator():
        reported[(customer, code, day.replace(day=1))] += hours
    for key, quantity in sorted(billed_hours.items()):
        if quantity != reported.get(key, 0):
            customer, code, month = key
            failures.append(
                _(
                    "%(customer)s %(code)s %(month)s: %(billed)s hours billed, "
                    "%(reported)s reported."
                )
                % {
                    "customer": customer,
                    "code": code,
                    "month": f"{month:%Y-%m}",
                    "billed": quantity,
                    "reported": reported.get(key, 0),
                }
            )
    return failures


def check_invoices() -> list[str]:
    """Each issued invoice equals its volumes and hours at the prices of its price list."""
    invoices = list(Invoice.objects.order_by("year", "sequence"))
    lines_by_invoice = defaultdict(list)
    for line in InvoiceLine.objects.select_related("price_item").order_by("invoice", "position"):
        lines_by_invoice[line.invoice_id].append(line)
    return _line_failures(invoices, lines_by_invoice) + _basis_failures()


def check_erp_files() -> list[str]:
    """Each GL07 file written is intact and sums to zero."""
    failures = []
    for erp_file in ErpFile.objects.order_by("pk").iterator():
        content = bytes(erp_file.content)
        if hashlib.sha256(content).hexdigest() != erp_file.sha256:
            failures.append(
                _("The ERP file %(batch)s was changed after it was written.")
                % {"batch": erp_file.batch_id}
            )
        try:
            records = gl07.parse(content)
        except (gl07.Gl07Error, ValueError) as error:
            failures.append(
                _("The ERP file %(batch)s cannot be read: %(error)s")
                % {"batch": erp_file.batch_id, "error": error}
            )
            continue
        if gl07.balance(records) != 0:
            failures.append(
                _("The ERP file %(batch)s does not sum to zero.") % {"batch": erp_file.batch_id}
            )
    return failures


CHECKS = [
    (CheckFailure.Check.SERIES, check_series),
    (CheckFailure.Check.INVOICE, check_invoices),
    (CheckFailure.Check.ERP_FILE, check_erp_files),
]


def run_checks() -> CheckRun:
    run = CheckRun.objects.create()
    for name, check in CHECKS:
        for message in check():
            logger.error("billing check %s failed: %s", name, message)
            CheckFailure.objects.create(run=run, check_name=name, message=message)
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at"])
    return run
