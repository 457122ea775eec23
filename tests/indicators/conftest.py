import pytest

from invoicing.prices.models import PriceItem, PriceList


@pytest.fixture
def price_list_2011(demo):
    """The 2012 price items copied to 2011, so that tests can hold two years of volumes."""
    source = PriceList.objects.get(year=2012)
    target, _created = PriceList.objects.get_or_create(year=2011)
    for item in source.items.all():
        PriceItem.objects.get_or_create(
            price_list=target,
            code=item.code,
            defaults={"name": item.name, "unit": item.unit, "price": item.price},
        )
    return target
