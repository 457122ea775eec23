from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from ekonomi.money import round_ore
from invoicing.prices.models import PriceItem, PriceList

HUNDRED = Decimal("100")


class Rounding(models.TextChoices):
    KRONA = "krona", _("To whole kronor")
    TEN_ORE = "10ore", _("To 10 öre")


_STEPS = {Rounding.KRONA: Decimal("1"), Rounding.TEN_ORE: Decimal("0.1")}


@dataclass(frozen=True)
class PriceChange:
    item: PriceItem
    old: Decimal
    new: Decimal

    @property
    def difference(self):
        return self.new - self.old


def price_lists():
    return PriceList.objects.annotate(item_count=Count("items"))


def price_list_get(*, year: int) -> PriceList:
    return get_object_or_404(PriceList, year=year)


def price_list_items(*, price_list: PriceList):
    return price_list.items.select_related("service")


def price_item_get(*, price_list: PriceList, code: str) -> PriceItem:
    return get_object_or_404(PriceItem, price_list=price_list, code=code)


def price_adjusted(*, price: Decimal, percent: Decimal, rounding: str) -> Decimal:
    raw = price * (1 + percent / HUNDRED)
    return round_ore(raw.quantize(_STEPS[Rounding(rounding)], rounding=ROUND_HALF_UP))


def price_list_copy_preview(
    *, source: PriceList, percent: Decimal, rounding: str
) -> list[PriceChange]:
    return [
        PriceChange(
            item=item,
            old=item.price,
            new=price_adjusted(price=item.price, percent=percent, rounding=rounding),
        )
        for item in price_list_items(price_list=source)
    ]
