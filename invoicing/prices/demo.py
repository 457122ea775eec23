from decimal import Decimal

from django.utils.translation import gettext as _

from customers.models import Service
from invoicing.prices.models import PriceItem, PriceList


def load(data):
    services = {s.code: s for s in Service.objects.all()}
    lines = []
    for price_list_data in data["price_lists"]:
        price_list, _created = PriceList.objects.get_or_create(year=price_list_data["year"])
        for row in price_list_data["items"]:
            PriceItem.objects.get_or_create(
                price_list=price_list,
                code=row["code"],
                defaults={
                    "name": row["name"],
                    "unit": row["unit"],
                    "price": Decimal(row["price"]),
                    "service": services.get(row["service"]),
                },
            )
        lines.append(
            _("Price list %(year)s: %(count)s items.")
            % {"year": price_list.year, "count": price_list.items.count()}
        )
    return lines
