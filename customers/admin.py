from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from customers import models, selectors
from customers.forms import CustomerForm


@admin.register(models.Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "phone"]
    search_fields = ["code", "name"]


@admin.register(models.Process)
class ProcessAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "unit", "sort_order"]
    list_filter = ["unit"]


@admin.register(models.Service)
class ServiceAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "process", "is_mandatory", "default_lead_time_days"]
    list_filter = ["is_mandatory", "process"]
    search_fields = ["code", "name"]


class CustomerContactInline(admin.TabularInline):
    model = models.CustomerContact
    extra = 0


class RoutineDeviationInline(admin.StackedInline):
    model = models.RoutineDeviation
    extra = 0


@admin.register(models.Customer)
class CustomerAdmin(SimpleHistoryAdmin):
    form = CustomerForm
    fields = ["code", "name", "kind", "manager_unit", "contact_person", "mailbox", "is_active"]
    list_display = ["code", "name", "kind", "manager_unit", "is_active"]
    list_filter = ["kind", "manager_unit", "is_active"]
    search_fields = ["code", "name"]
    inlines = [CustomerContactInline, RoutineDeviationInline]

    def has_delete_permission(self, request, obj=None):
        # Without an object this is the bulk action, which would skip the check per customer.
        if obj is None:
            return False
        return super().has_delete_permission(request, obj) and not selectors.customer_has_records(
            customer=obj
        )


class AgreementServiceInline(admin.TabularInline):
    model = models.AgreementService
    extra = 0


class AgreementAddendumInline(admin.TabularInline):
    model = models.AgreementAddendum
    extra = 0


@admin.register(models.ServiceAgreement)
class ServiceAgreementAdmin(SimpleHistoryAdmin):
    list_display = ["customer", "year", "status", "signed_on"]
    list_filter = ["year", "status"]
    search_fields = ["customer__code", "customer__name"]
    inlines = [AgreementServiceInline, AgreementAddendumInline]


@admin.register(models.User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    list_display = ["username", "get_full_name", "role", "unit", "customer", "is_active"]
    list_filter = ["role", "unit", "is_active"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Role and scope"), {"fields": ("role", "unit", "customer")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        (_("Role and scope"), {"fields": ("role", "unit", "customer")}),
    )
