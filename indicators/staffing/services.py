from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from customers.models import Unit
from ekonomi.periods import Month
from indicators.definitions import HUNDRED
from indicators.staffing.models import Employee, FteAdjustment, ProcessShare
from indicators.units import ensure_writable


def check_shares(shares) -> None:
    """A person works at most 100 % of their time, spread over distinct processes."""
    processes = [process for process, _share in shares]
    if len(set(processes)) != len(processes):
        raise ValidationError(_("Each process can be given only once."), code="repeated")
    total = sum((share for _process, share in shares), Decimal(0))
    if total > HUNDRED:
        raise ValidationError(
            _("The process shares add up to %(total)s %%; together they can be at most 100 %%.")
            % {"total": number_format(total.normalize())},
            code="over_100",
        )


@transaction.atomic
def employee_save(
    *,
    user,
    employee: Employee | None = None,
    name: str,
    unit: Unit,
    employment_rate: Decimal,
    start,
    end,
    shares: list,
) -> Employee:
    """Create or change an employee and replace their process shares [(Process, share %)]."""
    if employee is not None:
        ensure_writable(user, employee.unit)
    ensure_writable(user, unit)
    check_shares(shares)
    employee = employee or Employee()
    employee.name, employee.unit, employee.employment_rate = name, unit, employment_rate
    employee.start, employee.end = start, end
    employee.full_clean()
    employee.save()
    employee.shares.all().delete()
    for process, share in shares:
        row = ProcessShare(employee=employee, process=process, share=share)
        row.full_clean()
        row.save()
    return employee


@transaction.atomic
def fte_adjustment_create(
    *, user, unit, process, month: Month, kind: str, fte: Decimal, comment: str
) -> FteAdjustment:
    ensure_writable(user, unit)
    adjustment = FteAdjustment(
        unit=unit,
        process=process,
        month=month.start,
        kind=kind,
        fte=fte,
        comment=comment.strip(),
        created_by=user,
    )
    adjustment.full_clean()
    adjustment.save()
    return adjustment


@transaction.atomic
def fte_adjustment_delete(*, user, adjustment: FteAdjustment) -> None:
    ensure_writable(user, adjustment.unit)
    adjustment.delete()
