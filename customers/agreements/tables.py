import django_tables2 as tables
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from customers.models import ServiceAgreement


def _detail_url(record):
    return reverse(
        "customers:agreement_detail", kwargs={"code": record.customer.code, "year": record.year}
    )


class AgreementTable(tables.Table):
    caption = _("Service agreements")
    code = tables.Column(
        accessor="customer__code",
        verbose_name=_("Customer"),
        linkify=_detail_url,
        order_by=("customer__code", "-year"),
    )
    name = tables.Column(
        accessor="customer__name", verbose_name=_("Name"), order_by=("customer__name", "-year")
    )
    kind = tables.Column(
        accessor="customer__get_kind_display",
        verbose_name=_("Kind"),
        order_by=("customer__kind", "customer__code"),
    )
    unit = tables.Column(
        accessor="customer__manager_unit",
        verbose_name=_("Customer manager unit"),
        order_by=("customer__manager_unit__code", "customer__code"),
    )
    year = tables.Column(order_by=("year", "customer__code"))
    status = tables.Column(order_by=("status", "customer__code"))
    signed_on = tables.DateColumn(format="Y-m-d", order_by=("signed_on", "customer__code"))
    add_ons = tables.Column(
        accessor="add_on_rows", verbose_name=_("Add-on services"), orderable=False
    )
    addendum_count = tables.Column(
        verbose_name=_("Addenda"), attrs={"td": {"class": "num"}, "th": {"class": "num"}}
    )

    class Meta:
        model = ServiceAgreement
        fields = []
        sequence = [
            "code",
            "name",
            "kind",
            "unit",
            "year",
            "status",
            "signed_on",
            "add_ons",
            "addendum_count",
        ]
        order_by = "code"
        empty_text = _("No agreements match the filter.")

    def render_add_ons(self, value):
        return ", ".join(row.service.code for row in value)
