from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from customers.models import Service
from invoicing.prices.models import PriceItem, PriceList
from invoicing.prices.selectors import Rounding, price_list_copy_preview


def _open_list(price_list: PriceList) -> PriceList:
    # Row-locked and re-read: an invoice issued meanwhile may just have locked the list, and a
    # price must not change under an invoice that has used it.
    fresh = PriceList.objects.select_for_update().get(pk=price_list.pk)
    fresh.ensure_open()
    return fresh


@transaction.atomic
def price_item_create(
    *,
    price_list: PriceList,
    code: str,
    name: str,
    service: Service | None,
    unit: str,
    price: Decimal,
) -> PriceItem:
    item = PriceItem(
        price_list=_open_list(price_list),
        code=code,
        name=name,
        service=service,
        unit=unit,
        price=price,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def price_item_update(
    *,
    item: PriceItem,
    code: str,
    name: str,
    service: Service | None,
    unit: str,
    price: Decimal,
) -> PriceItem:
    item.price_list = _open_list(item.price_list)
    item.code, item.name, item.service, item.unit, item.price = code, name, service, unit, price
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def price_item_delete(*, item: PriceItem) -> None:
    _open_list(item.price_list)
    item.delete()


@transaction.atomic
def price_list_copy(*, source: PriceList, percent: Decimal, rounding: str) -> PriceList:
    """Next year's list from `source`, every price changed by `percent` and rounded."""
    year = source.year + 1
    if PriceList.objects.filter(year=year).exists():
        raise ValidationError(
            _("A price list for %(year)s already exists.") % {"year": year}, code="exists"
        )
    price_list = PriceList(
        year=year,
        note=_("Copied from %(source)s with a change of %(percent)s %%, rounded %(rounding)s.")
        % {
            "source": source.year,
            "percent": number_format(percent, force_grouping=False),
            "rounding": Rounding(rounding).label.lower(),
        },
    )
    price_list.full_clean()
    price_list.save()
    for change in price_list_copy_preview(source=source, percent=percent, rounding=rounding):
        item = change.item
        copy = PriceItem(
            price_list=price_list,
            code=item.code,
            name=item.name,
            service=item.service,
            unit=item.unit,
            price=change.new,
        )
        copy.full_clean()
        copy.save()
    return price_list


@transaction.atomic
def price_list_lock(*, price_list: PriceList, reason: str) -> PriceList:
    """Make the list read-only; billing calls this when an invoice that used it is issued."""
    reason = reason.strip()
    if not reason:
        raise ValueError("a price list is locked with a reason")
    fresh = PriceList.objects.select_for_update().get(pk=price_list.pk)
    # The first reason stays: it names the invoice that first made the prices final.
    if not fresh.is_locked:
        # Cut rather than refused: a long invoice reference must not stop an invoice issue.
        fresh.locked_reason = reason[: PriceList._meta.get_field("locked_reason").max_length]
        fresh.save(update_fields=["locked_reason"])
    return fresh
