"""Field presets every indicator area shares: percentages 0-100 and FTE, both Decimal."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

PERCENT_MESSAGE = _("Give a percentage from 0 to 100.")
PERCENT_VALIDATORS = [
    MinValueValidator(Decimal(0), message=PERCENT_MESSAGE),
    MaxValueValidator(Decimal(100), message=PERCENT_MESSAGE),
]


def percent_field(verbose_name, **kwargs):
    return models.DecimalField(
        verbose_name, max_digits=5, decimal_places=2, validators=PERCENT_VALIDATORS, **kwargs
    )


def fte_field(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, max_digits=7, decimal_places=2, **kwargs)
