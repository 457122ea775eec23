"""Every issued document against itself, against the invoice it credits, and against its basis.

The basis is checked per customer, price item and month of service (a key), both ways. The
lines of a key settle what was counted when the key was last billed: an invoice line records
that count, and a later line or a credit note that leaves the month to be billed again takes
over from it. So what all documents settle must equal what the latest line in force counted:
more is over-billing, less under-billing. What was counted since (late volumes and hours) is
explained: the next invoice adjusts it. Waived quantities and months waiting for a reissue are
explained too, and listed.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from customers.models import Customer
from ekonomi.money import format_amount, format_sek, round_ore
from ekonomi.periods import Month
from invoicing.billing import quantities
from invoicing.billing.models import Invoice, InvoiceLine
from invoicing.billing.reconciliation.findings import Findings, at_price
from invoicing.closing import BilledMonth
from invoicing.prices.models import PriceItem

Settlement = Invoice.Settlement
ZERO = Decimal("0")


def _restore():
    return _(
        "It was changed after it was issued: find out how, and restore it from the database "
        "backup; the document the customer got and its ERP file show it as issued."
    )


def _name(document):
    return f"{document.get_kind_display()} {document.number}"


def _line_name(document, line):
    return _("%(document)s line %(position)s (%(code)s %(month)s)") % {
        "document": _name(document),
        "position": line.position,
        "code": line.code,
        "month": line.service_period,
    }


def _document_failures(document, lines) -> list[str]:
    failures = []
    if len(lines) != document.line_count:
        failures.append(
            _("%(document)s has %(count)s lines but was issued with %(issued)s. %(action)s")
            % {
                "document": _name(document),
                "count": len(lines),
                "issued": document.line_count,
                "action": _restore(),
            }
        )
    for line in lines:
        expected = round_ore(line.quantity * line.unit_price)
        if line.amount != expected:
            failures.append(
                _("%(line)s: %(quantity)s à %(price)s is %(expected)s, not %(amount)s. %(action)s")
                % {
                    "line": _line_name(document, line),
                    "quantity": format_amount(line.quantity),
                    "price": format_amount(line.unit_price),
                    "expected": format_sek(expected),
                    "amount": format_sek(line.amount),
                    "action": _restore(),
                }
            )
        if line.unit_price != line.price_item.price:
            failures.append(
                _("%(line)s is priced %(price)s; its price list says %(list_price)s. %(action)s")
                % {
                    "line": _line_name(document, line),
                    "price": format_sek(line.unit_price),
                    "list_price": format_sek(line.price_item.price),
                    "action": _restore(),
                }
            )
    lines_total = sum((line.amount for line in lines), Decimal("0.00"))
    if lines_total != document.total:
        failures.append(
            _("%(document)s: the total %(total)s is not the sum of its lines, %(sum)s. %(action)s")
            % {
                "document": _name(document),
                "total": format_sek(document.total),
                "sum": format_sek(lines_total),
                "action": _restore(),
            }
        )
    return failures


def _credit_note_failures(documents, lines) -> list[str]:
    """A credit note takes back lines of its invoice, never more than they billed; one that
    credits the whole invoice leaves nothing of it."""
    failures = []
    taken = defaultdict(Decimal)
    for note in documents:
        if not note.is_credit_note:
            continue
        original = {
            (line.price_item_id, line.service_month): line for line in lines[note.credits_id]
        }
        for line in lines[note.pk]:
            key = (line.price_item_id, line.service_month)
            source = original.get(key)
            if source is None or line.unit_price != source.unit_price:
                failures.append(
                    _("%(line)s is not a line of invoice %(invoice)s, which it credits. %(action)s")
                    % {
                        "line": _line_name(note, line),
                        "invoice": note.credits.number,
                        "action": _restore(),
                    }
                )
                continue
            taken[(note.credits_id, key)] -= line.quantity
            if abs(taken[(note.credits_id, key)]) > abs(source.quantity):
                failures.append(
                    _(
                        "%(line)s takes back more than invoice %(invoice)s billed: %(taken)s of "
                        "%(billed)s. %(action)s"
                    )
                    % {
                        "line": _line_name(note, line),
                        "invoice": note.credits.number,
                        "taken": format_amount(taken[(note.credits_id, key)]),
                        "billed": format_amount(source.quantity),
                        "action": _restore(),
                    }
                )
        if note.settlement == Settlement.PARTIAL:
            continue
        left = [
            line for key, line in original.items() if taken[(note.credits_id, key)] != line.quantity
        ]
        if left:
            failures.append(
                _(
                    "%(document)s credits all of invoice %(invoice)s but leaves %(codes)s of it. "
                    "%(action)s"
                )
                % {
                    "document": _name(note),
                    "invoice": note.credits.number,
                    "codes": ", ".join(f"{line.code} {line.service_period}" for line in left),
                    "action": _restore(),
                }
            )
    return failures


def _counted_in_billed_months() -> dict:
    months = sorted(BilledMonth.objects.values_list("month", flat=True))
    if not months:
        return {}
    last = Month.from_date(months[-1])
    counts = quantities.counted(
        volumes=quantities.volumes(Q(month__in=months), None),
        entries=quantities.hour_entries(Q(date__gte=months[0], date__lt=last.end), None),
    )
    billed = set(months)
    return {key: amount for key, amount in counts.items() if key[2] in billed}


def _key_name(customer_code, line_code, month):
    return f"{customer_code} {line_code} {Month.from_date(month)}"


def _lines_text(rows) -> str:
    return "; ".join(f"{code} {at_price(quantity, price)}" for code, quantity, price in rows)


def _basis(documents, lines) -> Findings:
    findings = Findings()
    counted = _counted_in_billed_months()
    # Invoices whose month was credited to be billed again: their lines are no longer in force.
    superseded = {
        note.credits_id
        for note in documents
        if note.is_credit_note and note.settlement in (Settlement.REISSUE, Settlement.LATER)
    }
    settled = defaultdict(Decimal)
    in_force = {}
    codes = {}
    for document in documents:
        for line in lines[document.pk]:
            key = (document.customer_id, line.price_item_id, line.service_month)
            codes[key] = (document.customer_code, line.code, line.unit_price)
            if document.is_waiving:
                continue
            settled[key] += line.quantity
            if not document.is_credit_note and document.pk not in superseded:
                in_force[key] = (document, line)
    items = PriceItem.objects.in_bulk({key[1] for key in counted})
    customers = dict(Customer.objects.values_list("pk", "code"))
    blocked = quantities.blocked()
    open_months = defaultdict(list)
    for key in sorted(counted.keys() | settled.keys(), key=lambda k: (k[2], k[0], k[1])):
        customer_id, item_id, month = key
        if key not in codes:
            item = items[item_id]
            codes[key] = (customers[customer_id], item.code, item.price)
        customer_code, code, price = codes[key]
        document, line = in_force.get(key, (None, None))
        last_counted = ZERO if line is None else line.counted
        if (customer_id, month) in blocked:
            due = counted.get(key, ZERO) - settled[key]
            if due:
                open_months[(customer_id, month)].append((code, due, price))
            continue
        excess = settled[key] - last_counted
        if excess:
            findings.failures.append(_billing_failure(document, key, codes[key], excess))
        late = counted.get(key, ZERO) - last_counted
        if late:
            findings.notes.append(
                _("%(key)s: %(quantity)s counted after it was billed; the next invoice adjusts it.")
                % {"key": _key_name(customer_code, code, month), "quantity": at_price(late, price)}
            )
    findings.notes += _blocked_notes(blocked, open_months)
    findings.notes += _waiver_notes(documents, lines)
    return findings


def _billing_failure(document, key, names, excess) -> str:
    customer_code, code, price = names
    values = {
        "key": _key_name(customer_code, code, key[2]),
        "quantity": at_price(abs(excess), price),
        "document": _name(document) if document else _("no invoice"),
    }
    if excess > 0:
        message = _(
            "%(key)s is billed %(quantity)s more than was counted when %(document)s was issued."
        )
    else:
        message = _(
            "%(key)s is billed %(quantity)s less than was counted when %(document)s was issued."
        )
    action = _(
        "Compare the invoices of the month with their ERP files and the documents the customers "
        "got, restore what was changed from the database backup, and run the checks again."
    )
    return f"{message % values} {action}"


def _blocked_notes(blocked, open_months) -> list[str]:
    notes = []
    for (customer_id, month), note in sorted(
        blocked.pending.items(), key=lambda row: row[1].number
    ):
        notes.append(
            _(
                "%(customer)s %(month)s was credited with %(number)s and waits on the billing "
                "page to be reissued: %(lines)s."
            )
            % {
                "customer": note.customer_code,
                "month": Month.from_date(month),
                "number": note.number,
                "lines": _lines_text(open_months.get((customer_id, month), []))
                or _("nothing left to bill"),
            }
        )
    for (customer_id, month), note in sorted(blocked.waived.items(), key=lambda row: row[1].number):
        late = open_months.get((customer_id, month))
        if late:
            notes.append(
                _(
                    "%(customer)s %(month)s is waived (%(number)s); counted since and not "
                    "billed either: %(lines)s."
                )
                % {
                    "customer": note.customer_code,
                    "month": Month.from_date(month),
                    "number": note.number,
                    "lines": _lines_text(late),
                }
            )
    return notes


def _waiver_notes(documents, lines) -> list[str]:
    return [
        _("%(document)s waives for %(customer)s %(month)s: %(lines)s. Reason: %(reason)s")
        % {
            "document": _name(note),
            "customer": note.customer_code,
            "month": note.period,
            "lines": _lines_text(
                (f"{line.code} {line.service_period}", -line.quantity, line.unit_price)
                for line in lines[note.pk]
            ),
            "reason": note.reason,
        }
        for note in documents
        if note.is_waiving
    ]


def check_invoices() -> Findings:
    """Each issued document adds up, credits only what its invoice billed, and together the
    documents bill each key exactly what was counted."""
    documents = list(
        Invoice.objects.select_related("credits").order_by("issued_at", "year", "sequence")
    )
    lines = defaultdict(list)
    for line in InvoiceLine.objects.select_related("price_item").order_by("invoice", "position"):
        lines[line.invoice_id].append(line)
    findings = Findings()
    for document in documents:
        findings.failures += _document_failures(document, lines[document.pk])
    findings.failures += _credit_note_failures(documents, lines)
    findings += _basis(documents, lines)
    return findings
