from django.db import transaction

from ekonomi.periods import Month
from indicators.forecast.models import VolumePlan
from indicators.units import ensure_writable


@transaction.atomic
def volume_plan_save(*, user, unit, process, month: Month, volume: int, comment: str) -> VolumePlan:
    """Enter (or change) the planned volume of a unit's process for a coming month."""
    ensure_writable(user, unit)
    plan = VolumePlan.objects.filter(unit=unit, process=process, month=month.start).first()
    plan = plan or VolumePlan(unit=unit, process=process, month=month.start)
    plan.volume, plan.comment, plan.entered_by = volume, comment.strip(), user
    plan.full_clean()
    plan.save()
    return plan


@transaction.atomic
def volume_plan_delete(*, user, plan: VolumePlan) -> None:
    ensure_writable(user, plan.unit)
    plan.delete()
