from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from indicators.definitions import Direction
from indicators.targets.models import Target


@transaction.atomic
def target_save(*, indicator: str, year: int, direction: str, value: Decimal | None) -> Target:
    target = Target.objects.filter(indicator=indicator, year=year).first() or Target(
        indicator=indicator, year=year
    )
    target.direction = direction
    # "Above last year" takes last year's figure; a value typed for it would never be used.
    target.value = None if direction == Direction.RISE else value
    target.full_clean()
    target.save()
    return target


@transaction.atomic
def targets_copy(*, year: int) -> list[Target]:
    """Next year's targets as this year's, like the price list is copied."""
    source = list(Target.objects.filter(year=year))
    if not source:
        raise ValidationError(_("There are no targets for %(year)s to copy.") % {"year": year})
    if Target.objects.filter(year=year + 1).exists():
        raise ValidationError(
            _("Targets for %(year)s already exist.") % {"year": year + 1}, code="exists"
        )
    copies = [
        Target(indicator=t.indicator, year=year + 1, direction=t.direction, value=t.value)
        for t in source
    ]
    for copy in copies:
        copy.full_clean()
        copy.save()
    return copies
