import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from customers.models import Customer


class CustomerTable(tables.Table):
    caption = _("Customers")
    code = tables.Column(linkify=("customers:detail", {"code": tables.A("code")}))
    name = tables.Column(
        linkify=("customers:detail", {"code": tables.A("code")}), order_by=("name", "code")
    )
    # Every sort ends on the code, so that paging through equal values is stable.
    kind = tables.Column(order_by=("kind", "code"))
    manager_unit = tables.Column(
        verbose_name=_("Customer manager unit"), order_by=("manager_unit__code", "code")
    )
    contact_person = tables.Column(
        verbose_name=_("Our contact person"),
        accessor="contact_person__get_full_name",
        order_by=("contact_person__first_name", "contact_person__last_name", "code"),
    )
    mailbox = tables.Column(order_by=("mailbox", "code"))
    is_active = tables.BooleanColumn(
        verbose_name=_("Active"), yesno=(_("Yes"), _("No")), order_by=("is_active", "code")
    )

    class Meta:
        model = Customer
        fields = ["code", "name", "kind", "manager_unit", "contact_person", "mailbox", "is_active"]
        order_by = "code"
        empty_text = _("No customers match the filter.")

    def value_is_active(self, value):
        return _("Yes") if value else _("No")
