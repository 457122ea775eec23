"""A figure as the pages show it: a value, or the reason there is none (shown after a dash)."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Figure:
    value: Decimal | None
    reason: str = ""  # why there is no value; shown instead of a division error
    note: str = ""  # what the value stands for when it is not the period itself ("2011")

    @classmethod
    def missing(cls, reason):
        return cls(None, str(reason))
