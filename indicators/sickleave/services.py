from django.db import transaction

from indicators.sickleave.models import SickLeave
from indicators.units import ensure_writable


@transaction.atomic
def sick_leave_save(*, user, unit, values: dict) -> None:
    """Store a unit's sick leave {Month: percent or None}; None removes the month's figure."""
    ensure_writable(user, unit)
    for month, percent in values.items():
        if percent is None:
            SickLeave.objects.filter(unit=unit, month=month.start).delete()
            continue
        row = SickLeave.objects.filter(unit=unit, month=month.start).first() or SickLeave(
            unit=unit, month=month.start
        )
        row.percent, row.entered_by = percent, user
        row.full_clean()
        row.save()
