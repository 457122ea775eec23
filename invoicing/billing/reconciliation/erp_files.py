"""Each GL07 file against itself and against the invoices it books; each invoice booked once.

A file is written again from the invoices it links to and its own voucher fields, and the two
compared: amounts per account and dimensions (per customer on the debit side, per price item
on the revenue side), then everything else. A stored hash alone proves nothing: whoever
changes the file can change the hash.
"""

import hashlib
from collections import defaultdict

from django.utils.translation import gettext as _

from ekonomi.money import ORE, format_sek
from invoicing.billing import gl07, ledger
from invoicing.billing.erp import ErpFile
from invoicing.billing.models import Invoice
from invoicing.billing.reconciliation.findings import Findings


def _ore_to_sek(ore: int):
    return format_sek(ORE * ore)


def _per_account(rows) -> dict:
    """Öre per (account, first dimension, second dimension)."""
    amounts = defaultdict(int)
    for account, dimension, code, ore in rows:
        amounts[(account, dimension, code)] += ore
    return amounts


def _booked(records) -> dict:
    return _per_account((r["account"], r["dim_1"], r["dim_2"], r["amount"]) for r in records)


def _invoiced(erp_file, invoices) -> dict:
    lines = ledger.erp_lines(
        invoices,
        revenue_account=erp_file.revenue_account,
        revenue_dimension=erp_file.revenue_dimension,
    )
    return _per_account(
        (line.account, *[*line.dimensions, "", ""][:2], gl07.to_ore(line.amount)) for line in lines
    )


def _amount_failures(erp_file, records, invoices) -> list[str]:
    booked, invoiced = _booked(records), _invoiced(erp_file, invoices)
    failures = []
    for key in sorted(booked.keys() | invoiced.keys()):
        if booked.get(key, 0) != invoiced.get(key, 0):
            account, dimension, code = key
            failures.append(
                _(
                    "The ERP file %(batch)s books %(booked)s on account %(account)s %(dimension)s, "
                    "its invoices %(invoiced)s. Compare it with what the ERP booked and correct "
                    "the booking there; find out who changed the file."
                )
                % {
                    "batch": erp_file.batch_id,
                    "booked": _ore_to_sek(booked.get(key, 0)),
                    "account": account,
                    "dimension": " ".join(filter(None, (dimension, code))),
                    "invoiced": _ore_to_sek(invoiced.get(key, 0)),
                }
            )
    return failures


def _other_failures(erp_file, content, invoices) -> list[str]:
    """With the amounts in order, the file must be exactly what its invoices give."""
    if ledger.rewrite(erp_file, invoices) == content:
        return []
    return [
        _(
            "The ERP file %(batch)s differs from what its invoices give in other fields than "
            "the amounts (period, dates, texts). Compare it with what the ERP booked."
        )
        % {"batch": erp_file.batch_id}
    ]


def _file_failures(erp_file, invoices) -> list[str]:
    content = bytes(erp_file.content)
    failures = []
    if hashlib.sha256(content).hexdigest() != erp_file.sha256:
        failures.append(
            _(
                "The ERP file %(batch)s was changed after it was written. Compare it with what "
                "the ERP booked."
            )
            % {"batch": erp_file.batch_id}
        )
    try:
        records = gl07.parse(content)
    except (gl07.Gl07Error, ValueError) as error:
        return [
            *failures,
            _("The ERP file %(batch)s cannot be read: %(error)s")
            % {"batch": erp_file.batch_id, "error": error},
        ]
    if gl07.balance(records) != 0:
        failures.append(
            _("The ERP file %(batch)s does not sum to zero. Correct the booking in the ERP.")
            % {"batch": erp_file.batch_id}
        )
    if len(invoices) != erp_file.invoice_count:
        failures.append(
            _(
                "The ERP file %(batch)s was written for %(written)s documents and links to "
                "%(linked)s. A link was removed or added: restore it from the database backup."
            )
            % {
                "batch": erp_file.batch_id,
                "written": erp_file.invoice_count,
                "linked": len(invoices),
            }
        )
    for invoice in invoices:
        if invoice.booking_period != erp_file.month:
            failures.append(
                _(
                    "%(number)s is booked in %(booked)s but its ERP file %(batch)s in %(period)s. "
                    "Restore it from the database backup."
                )
                % {
                    "number": invoice.number,
                    "booked": invoice.booked_in,
                    "batch": erp_file.batch_id,
                    "period": erp_file.period,
                }
            )
    amounts = _amount_failures(erp_file, records, invoices)
    return failures + (amounts or _other_failures(erp_file, content, invoices))


def check_erp_files() -> Findings:
    findings = Findings()
    booked_in = defaultdict(list)
    for erp_file in ErpFile.objects.prefetch_related("invoices").order_by("pk"):
        invoices = list(erp_file.invoices.all())
        for invoice in invoices:
            booked_in[invoice.pk].append(erp_file.batch_id)
        findings.failures += _file_failures(erp_file, invoices)
    for invoice in Invoice.objects.order_by("year", "sequence"):
        files = booked_in[invoice.pk]
        if len(files) > 1:
            findings.failures.append(
                _(
                    "%(number)s is booked in %(count)s ERP files (%(batches)s). Check what the ERP "
                    "booked and reverse the second booking there."
                )
                % {"number": invoice.number, "count": len(files), "batches": ", ".join(files)}
            )
        elif not files and ledger.books_anything(invoice):
            findings.failures.append(
                _(
                    "%(number)s (%(total)s) is booked in no ERP file. Find the file that booked "
                    "it and restore the link from the database backup, or book it in the ERP."
                )
                % {"number": invoice.number, "total": format_sek(invoice.total)}
            )
    return findings
