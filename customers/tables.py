import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from customers.models import Customer


class CustomerTable(tables.Table):
    code = tables.Column(linkify=("customers:detail", {"code": tables.A("code")}))
    name = tables.Column(linkify=("customers:detail", {"code": tables.A("code")}))
    manager_unit = tables.Column(verbose_name=_("Customer manager unit"))
    is_active = tables.BooleanColumn(verbose_name=_("Active"), yesno=(_("Yes"), _("No")))

    class Meta:
        model = Customer
        fields = ["code", "name", "kind", "manager_unit", "mailbox", "is_active"]
        order_by = "code"
        empty_text = _("No customers match the filter.")

    def value_is_active(self, value):
        return _("Yes") if value else _("No")
