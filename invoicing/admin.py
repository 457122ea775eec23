from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from invoicing import models


class LockedPriceListMixin:
    # A price list that an issued invoice has used is read-only here too; PriceItem.clean()
    # refuses changes, and deleting is refused below.
    def _locked(self, obj):
        price_list = obj if isinstance(obj, models.PriceList) else getattr(obj, "price_list", None)
        return price_list is not None and price_list.is_locked

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not self._locked(obj)


class PriceItemInline(LockedPriceListMixin, admin.TabularInline):
    model = models.PriceItem
    extra = 0


@admin.register(models.PriceList)
class PriceListAdmin(LockedPriceListMixin, SimpleHistoryAdmin):
    list_display = ["year", "locked_reason", "note"]
    inlines = [PriceItemInline]


@admin.register(models.PriceItem)
class PriceItemAdmin(LockedPriceListMixin, SimpleHistoryAdmin):
    list_display = ["code", "name", "price_list", "unit", "price"]
    list_filter = ["price_list", "unit"]
    search_fields = ["code", "name"]
    actions = None
