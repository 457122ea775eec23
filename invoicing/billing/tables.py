import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from ekonomi.lists import NUMERIC
from ekonomi.money import format_sek
from invoicing.billing.models import Invoice


class InvoiceTable(tables.Table):
    caption = _("Invoices and credit notes")
    number = tables.Column(linkify=("invoicing:invoice_detail", {"number": tables.A("number")}))
    kind = tables.Column(order_by=("kind", "year", "sequence"))
    customer = tables.Column(order_by=("customer__code", "year", "sequence"))
    month = tables.Column(verbose_name=_("Month"), order_by=("month", "year", "sequence"))
    total = tables.Column(attrs=NUMERIC, order_by=("total", "year", "sequence"))
    credited = tables.BooleanColumn(
        verbose_name=_("Credited"), yesno=(_("Yes"), ""), orderable=False
    )
    issued_at = tables.DateTimeColumn(format="Y-m-d", order_by=("issued_at", "year", "sequence"))

    class Meta:
        model = Invoice
        fields = ["number", "kind", "customer", "month", "total", "credited", "issued_at"]
        order_by = ("-number",)
        empty_text = _("No invoices match the filter.")

    def order_number(self, queryset, is_descending):
        prefix = "-" if is_descending else ""
        return queryset.order_by(f"{prefix}year", f"{prefix}sequence"), True

    def render_month(self, value):
        return f"{value:%Y-%m}"

    def value_month(self, value):
        return f"{value:%Y-%m}"

    def render_total(self, value):
        return format_sek(value)

    def value_total(self, value):
        return value

    def value_credited(self, value):
        return _("Yes") if value else ""
