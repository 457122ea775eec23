"""The month close: which months are billed, and the one lock that keeps the billing basis
still while a month is issued.

A month is closed once billing has issued it. Everything that writes the basis of billing
(volume imports and their undo, manual volumes, time reporting) and the issue itself take
`lock()` inside their transaction *before* they ask whether a month is billed. So a write
either commits before the issue reads the basis, and is billed with the month, or waits until
the issue has committed and then finds the month closed: what it still writes into a billed
month (late volumes, late hours) is billed as an adjustment on the next invoice. Nothing lands
in a billed month unbilled, nor is it billed twice.
"""

from django.db import connection, models
from django.utils.translation import gettext_lazy as _

from ekonomi.periods import FIRST_OF_MONTH, Month
from invoicing.immutable import InsertOnly

# Any fixed number serves as the key of PostgreSQL's advisory lock; this one spells "CLOSE".
LOCK_KEY = 0x434C4F5345


class BilledMonth(InsertOnly):
    """A month that billing has issued: never reopened, so it is never issued twice."""

    month = models.DateField(_("month"), unique=True)
    billed_at = models.DateTimeField(_("billed"), auto_now_add=True)

    class Meta:
        app_label = "invoicing"
        ordering = ["-month"]
        base_manager_name = "objects"
        verbose_name = _("billed month")
        verbose_name_plural = _("billed months")
        constraints = [
            models.CheckConstraint(condition=FIRST_OF_MONTH, name="billed_month_first_of_month")
        ]

    def __str__(self):
        return f"{self.month:%Y-%m}"

    @property
    def period(self):
        return Month.from_date(self.month)


def lock() -> None:
    """Wait for, then hold until commit, the one lock of the billing basis.

    Call it inside `transaction.atomic()`. Readers are never held up. On PostgreSQL it is a
    transaction-level advisory lock; SQLite runs every transaction as IMMEDIATE (settings), so
    writers are already one at a time there.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def is_billed(month: Month) -> bool:
    return BilledMonth.objects.filter(month=month.start).exists()


def billed_months(months) -> list[Month]:
    """The billed ones among `months`, in order."""
    starts = {month.start for month in months}
    found = BilledMonth.objects.filter(month__in=starts).order_by("month")
    return [Month.from_date(start) for start in found.values_list("month", flat=True)]


def close(month: Month) -> BilledMonth:
    """Mark `month` billed; the caller holds `lock()` and issues the month in this transaction.

    The unique month is the last guard: should two issuers ever get past the invoice series
    lock, one of them fails here.
    """
    return BilledMonth.objects.create(month=month.start)


def last_billed(*, year: int) -> Month | None:
    billed = BilledMonth.objects.filter(month__year=year).order_by("-month").first()
    return None if billed is None else billed.period
