from django.db import transaction

from ekonomi.periods import Month
from indicators.phone.models import PhoneMonth, TestCall
from indicators.units import ensure_writable


@transaction.atomic
def phone_month_save(
    *, user, unit, month: Month, offered, answered, abandoned, average_wait, longest_wait
) -> PhoneMonth:
    """A month entered by hand; it stands for the unit's month instead of imported rows."""
    ensure_writable(user, unit)
    row = PhoneMonth.objects.filter(unit=unit, month=month.start).first() or PhoneMonth(
        unit=unit, month=month.start
    )
    row.offered, row.answered, row.abandoned = offered, answered, abandoned
    row.average_wait, row.longest_wait, row.entered_by = average_wait, longest_wait, user
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def test_call_create(*, user, unit, called_at, answered, wait_seconds, note) -> TestCall:
    call = TestCall(
        unit=unit,
        number=unit.phone,
        called_at=called_at,
        answered=answered,
        wait_seconds=wait_seconds if answered else None,
        note=note.strip(),
        created_by=user,
    )
    call.full_clean()
    call.save()
    return call
