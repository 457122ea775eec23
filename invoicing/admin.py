from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from invoicing import models


class PriceItemInline(admin.TabularInline):
    model = models.PriceItem
    extra = 0


@admin.register(models.PriceList)
class PriceListAdmin(SimpleHistoryAdmin):
    list_display = ["year", "note"]
    inlines = [PriceItemInline]


@admin.register(models.PriceItem)
class PriceItemAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "price_list", "unit", "price"]
    list_filter = ["price_list", "unit"]
    search_fields = ["code", "name"]
