import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from ekonomi.lists import NUMERIC, HistoryColumn
from ekonomi.money import format_sek
from invoicing.prices.models import PriceItem, PriceList


class PriceListTable(tables.Table):
    caption = _("Price lists")
    year = tables.Column(linkify=("invoicing:price_list", {"year": tables.A("year")}))
    item_count = tables.Column(verbose_name=_("Items"), attrs=NUMERIC)
    locked_reason = tables.Column(verbose_name=_("Locked because"), default="")

    class Meta:
        model = PriceList
        fields = ["year", "item_count", "locked_reason", "note"]
        order_by = "-year"
        empty_text = _("There are no price lists yet.")


class PriceItemTable(tables.Table):
    caption = _("Price items")
    code = tables.Column(order_by=("code",))
    service = tables.Column(order_by=("service__code", "code"))
    unit = tables.Column(order_by=("unit", "code"))
    price = tables.Column(attrs=NUMERIC, order_by=("price", "code"))
    edit = tables.LinkColumn(
        "invoicing:price_item_edit",
        args=[tables.A("price_list__year"), tables.A("code")],
        text=_("Edit"),
        verbose_name=_("Edit"),
        orderable=False,
        exclude_from_export=True,
        empty_values=(),
    )
    history = HistoryColumn()

    class Meta:
        model = PriceItem
        fields = ["code", "name", "service", "unit", "price"]
        order_by = "code"
        empty_text = _("No price items match the filter.")

    def render_price(self, value):
        return format_sek(value)

    def value_price(self, value):
        return value
