from collections import Counter, defaultdict

from django.utils.translation import gettext as _

from invoicing.billing.models import Invoice, InvoiceSeries
from invoicing.billing.reconciliation.findings import Findings


def check_series() -> Findings:
    """Each year's numbers run 1, 2, 3 … up to the series' last number: no gap, no duplicate."""
    findings = Findings()
    numbers = defaultdict(list)
    for year, sequence, number in Invoice.objects.values_list("year", "sequence", "number"):
        numbers[year].append(sequence)
        if number != Invoice.format_number(year, sequence):
            findings.failures.append(
                _(
                    "Invoice %(number)s does not carry its sequence number %(sequence)s. Find "
                    "out who changed it; the document sent to the customer has the right number."
                )
                % {"number": number, "sequence": sequence}
            )
    last = dict(InvoiceSeries.objects.values_list("year", "last_number"))
    for year in sorted(numbers.keys() | last.keys()):
        sequences = numbers.get(year, [])
        for sequence, count in sorted(Counter(sequences).items()):
            if count > 1:
                findings.failures.append(
                    _(
                        "Number %(number)s is used %(count)s times. Find out which of the "
                        "documents was sent to the customer and booked in the ERP."
                    )
                    % {"number": Invoice.format_number(year, sequence), "count": count}
                )
        highest = max([last.get(year, 0), *sequences])
        missing = sorted(set(range(1, highest + 1)) - set(sequences))
        if missing:
            findings.failures.append(
                _(
                    "The series %(year)s has gaps: %(numbers)s. A number was taken and no "
                    "document has it: find out whether an issued document was removed."
                )
                % {
                    "year": year,
                    "numbers": ", ".join(Invoice.format_number(year, n) for n in missing[:20]),
                }
            )
    return findings
