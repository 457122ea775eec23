import django_tables2 as tables
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from complaints.models import ReturnedDocument


class ReturnedDocumentTable(tables.Table):
    returned_on = tables.Column(
        linkify=lambda record: reverse("complaints:returned_detail", args=[record.pk])
    )
    customer = tables.Column(accessor="customer__code", order_by=("customer__code", "returned_on"))
    process = tables.Column(accessor="process__code", order_by=("process__sort_order",))
    reason = tables.Column(order_by=("reason__sort_order", "reason__name"))
    document = tables.Column()
    unit = tables.Column(accessor="unit__code", verbose_name=_("Unit"))
    sent_by = tables.Column(order_by=("sent_by__first_name", "sent_by__last_name"))

    class Meta:
        model = ReturnedDocument
        fields = ["returned_on", "customer", "process", "reason", "document", "unit", "sent_by"]
        order_by = "-returned_on"
        empty_text = _("No returned documents match the filter.")

    def render_sent_by(self, value):
        return value.get_full_name() or value.username
