from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from ekonomi.money import format_amount, format_sek, round_ore


@dataclass
class Findings:
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def __iadd__(self, other):
        self.failures += other.failures
        self.notes += other.notes
        return self


def at_price(quantity: Decimal, price: Decimal) -> str:
    """`93,00 à 50,00 (4 650,00 kr)`: a quantity, its unit price and what they come to."""
    return _("%(quantity)s à %(price)s (%(amount)s)") % {
        "quantity": format_amount(quantity),
        "price": format_amount(price),
        "amount": format_sek(round_ore(quantity * price)),
    }
