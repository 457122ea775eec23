import django_tables2 as tables
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from customerlog.models import Meeting
from ekonomi.lists import NUMERIC


class MeetingTable(tables.Table):
    date = tables.Column(
        linkify=lambda record: reverse("customerlog:meeting_detail", args=[record.pk])
    )
    customer = tables.Column(accessor="customer__code", order_by=("customer__code", "date"))
    status = tables.Column()
    place = tables.Column()
    agenda = tables.Column(orderable=False)
    open_actions = tables.Column(verbose_name=_("Open actions"), attrs=NUMERIC)

    class Meta:
        model = Meeting
        fields = ["date", "customer", "status", "place", "agenda"]
        order_by = "-date"
        empty_text = _("No meetings match the filter.")

    def render_agenda(self, record):
        return ", ".join(str(label) for label in record.agenda_labels())

    def value_agenda(self, record):
        return self.render_agenda(record)
