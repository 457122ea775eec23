"""Which units a user may write figures for: a unit manager their own, an administrator all."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from customers.models import Unit
from ekonomi.access import Role


def writable_units(user):
    units = Unit.objects.order_by("code")
    return units.filter(pk=user.unit_id) if user.role == Role.UNIT_MANAGER else units


def ensure_writable(user, unit) -> None:
    if user.role == Role.UNIT_MANAGER and unit.pk != user.unit_id:
        raise PermissionDenied


def unit_or_404(code):
    return get_object_or_404(Unit, code=code)
