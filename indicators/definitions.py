"""The indicators the centre follows, what each one means, and how a figure meets its target.

The set of indicators is code, not data: each one is computed by its own selector. What is data
is the yearly target (targets/), which an administrator sets and copies to the next year.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

HUNDRED = Decimal(100)
# A figure this close to its target (relative), on the wrong side, is "near" rather than missed.
NEAR = Decimal("0.05")


class Indicator(models.TextChoices):
    AR_PRODUCTIVITY = "ar_productivity", _("Customer invoices per FTE-month")
    AP_PRODUCTIVITY = "ap_productivity", _("Supplier invoices per FTE-month")
    PHONE_ANSWER_RATE = "phone_answer_rate", _("Phone answer rate")
    SICK_LEAVE = "sick_leave", _("Sick leave")
    CUSTOMER_SATISFACTION = "customer_satisfaction", _("Satisfied customers")
    NMI = "nmi", _("Employee satisfaction index (NMI)")


class Direction(models.TextChoices):
    HIGHER = "higher", _("At least the target")
    LOWER = "lower", _("At most the target")
    RISE = "rise", _("Above last year")


class Status(models.TextChoices):
    MET = "met", _("Met")
    NEAR = "near", _("Near the target")
    MISSED = "missed", _("Not met")
    UNKNOWN = "unknown", _("No target or figure")


@dataclass(frozen=True)
class Definition:
    indicator: Indicator
    unit: str  # how the figure reads: "per FTE-month", "%", "index"
    text: str  # the definition shown next to the figure
    yearly: bool = False  # measured once a year (surveys) rather than every month
    decimals: int = 1

    @property
    def places(self) -> Decimal:
        return Decimal(1).scaleb(-self.decimals)


@dataclass(frozen=True)
class Counting:
    """Which process's FTE and which price items a productivity indicator counts (domain.md)."""

    process: str
    price_items: tuple[str, ...]


PRODUCTIVITY = {
    Indicator.AR_PRODUCTIVITY: Counting("AR", ("KR-FS", "KR-MAN", "KR-ABO")),
    Indicator.AP_PRODUCTIVITY: Counting("AP", ("LR-EL", "LR-MAN")),
}

DEFINITIONS = {
    Indicator.AR_PRODUCTIVITY: Definition(
        Indicator.AR_PRODUCTIVITY,
        _("per FTE-month"),
        _(
            "Handled customer invoices (feeder system, manual and subscription: KR-FS, KR-MAN, "
            "KR-ABO) divided by the FTE-months worked in accounts receivable in the period. A "
            "unit's figure counts the invoices of the customers it is customer manager for."
        ),
        decimals=0,
    ),
    Indicator.AP_PRODUCTIVITY: Definition(
        Indicator.AP_PRODUCTIVITY,
        _("per FTE-month"),
        _(
            "Handled supplier invoices (electronic and manual: LR-EL, LR-MAN) divided by the "
            "FTE-months worked in accounts payable in the period. A unit's figure counts the "
            "invoices of the customers it is customer manager for."
        ),
        decimals=0,
    ),
    Indicator.PHONE_ANSWER_RATE: Definition(
        Indicator.PHONE_ANSWER_RATE,
        "%",
        _("Answered calls as a share of the calls offered to the units' group numbers."),
    ),
    Indicator.SICK_LEAVE: Definition(
        Indicator.SICK_LEAVE,
        "%",
        _(
            "Sick leave as the units report it per month, weighted by each unit's FTE by "
            "employment; never per person."
        ),
    ),
    Indicator.CUSTOMER_SATISFACTION: Definition(
        Indicator.CUSTOMER_SATISFACTION,
        "%",
        _(
            "Share of satisfied customers in the annual customer survey, on its overall "
            "question; the latest survey up to the period is shown."
        ),
        yearly=True,
    ),
    Indicator.NMI: Definition(
        Indicator.NMI,
        _("index"),
        _(
            "The employee satisfaction index of the annual employee survey (0-100); it should "
            "rise from one year to the next."
        ),
        yearly=True,
    ),
}


def rounded(value: Decimal, places: Decimal) -> Decimal:
    return value.quantize(places, rounding=ROUND_HALF_UP)


def percent(part, whole, places=Decimal("0.1")) -> Decimal | None:
    if not whole:
        return None
    return rounded(Decimal(part) * HUNDRED / Decimal(whole), places)


def status(value: Decimal | None, target: Decimal | None, direction: str) -> Status:
    """Whether `value` meets `target`; for RISE the target is last year's figure."""
    if value is None or target is None:
        return Status.UNKNOWN
    if direction == Direction.RISE:
        return Status.MET if value > target else Status.MISSED
    good = value >= target if direction == Direction.HIGHER else value <= target
    if good:
        return Status.MET
    if abs(value - target) <= abs(target) * NEAR:
        return Status.NEAR
    return Status.MISSED
