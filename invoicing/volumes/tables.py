import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from ekonomi.lists import NUMERIC
from ekonomi.money import format_sek
from invoicing.volumes.models import MonthlyVolume, VolumeDocument, VolumeImport


def _month_text(value):
    return f"{value:%Y-%m}"


class VolumeImportTable(tables.Table):
    caption = _("Volume imports")
    pk = tables.Column(
        verbose_name=_("Import no."), linkify=("invoicing:volume_import", {"pk": tables.A("pk")})
    )
    created_at = tables.DateTimeColumn(verbose_name=_("Uploaded"), format="Y-m-d H:i")
    file_name = tables.Column(linkify=("invoicing:volume_import", {"pk": tables.A("pk")}))
    created_by = tables.Column(default="")
    rows_read = tables.Column(attrs=NUMERIC)
    rows_added = tables.Column(attrs=NUMERIC)
    rows_skipped = tables.Column(attrs=NUMERIC)

    class Meta:
        model = VolumeImport
        fields = [
            "pk",
            "created_at",
            "file_name",
            "shape",
            "status",
            "rows_read",
            "rows_added",
            "rows_skipped",
            "created_by",
        ]
        order_by = "-created_at"
        empty_text = _("No volumes have been imported.")


class MonthlyVolumeTable(tables.Table):
    caption = _("Volumes per month")
    month = tables.Column(order_by=("month", "customer__code", "price_item__code"))
    customer = tables.Column(
        accessor="customer__code", verbose_name=_("Customer"), order_by=("customer__code", "month")
    )
    price_item = tables.Column(
        accessor="price_item__code",
        verbose_name=_("Price item"),
        order_by=("price_item__code", "month"),
    )
    name = tables.Column(accessor="price_item__name", verbose_name=_("Name"), orderable=False)
    documents = tables.Column(attrs=NUMERIC)
    counted = tables.Column(attrs=NUMERIC)
    manual = tables.Column(attrs=NUMERIC)
    quantity = tables.Column(attrs=NUMERIC)
    trace = tables.Column(
        verbose_name=_("Documents"), empty_values=(), orderable=False, exclude_from_export=True
    )

    class Meta:
        model = MonthlyVolume
        fields = ["month", "documents", "counted", "manual", "quantity"]
        sequence = ["month", "customer", "price_item", "name", "..."]
        order_by = ("month", "customer")
        empty_text = _("No volumes match the filter.")

    def render_month(self, value):
        return _month_text(value)

    def value_month(self, value):
        return _month_text(value)

    def render_trace(self, record):
        if not record.documents:
            return ""
        month = _month_text(record.month)
        query = urlencode(
            {
                "customer": record.customer_id,
                "price_item": record.price_item.code,
                "month_from": month,
                "month_to": month,
            }
        )
        return format_html(
            '<a href="{}?{}">{}</a>', reverse("invoicing:volume_documents"), query, _("Show")
        )


class VolumeDocumentTable(tables.Table):
    caption = _("Imported documents")
    customer = tables.Column(
        accessor="customer__code", verbose_name=_("Customer"), order_by=("customer__code", "date")
    )
    price_item = tables.Column(
        accessor="price_item__code", verbose_name=_("Price item"), order_by=("price_item__code",)
    )
    amount = tables.Column(attrs=NUMERIC)
    volume_import = tables.Column(
        verbose_name=_("Import no."),
        accessor="volume_import_id",
        linkify=("invoicing:volume_import", {"pk": tables.A("volume_import_id")}),
    )

    class Meta:
        model = VolumeDocument
        fields = ["date", "external_id", "customer", "price_item", "amount", "volume_import"]
        order_by = ("date", "external_id")
        empty_text = _("No documents match the filter.")

    def render_amount(self, value):
        return format_sek(value)
