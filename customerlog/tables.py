import django_tables2 as tables
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from customerlog.models import LogEntry


class LogEntryTable(tables.Table):
    date = tables.Column(
        linkify=lambda record: reverse("customerlog:entry_detail", args=[record.pk])
    )
    customer = tables.Column(accessor="customer__code", order_by=("customer__code", "date"))
    kind = tables.Column()
    subject = tables.Column()
    author = tables.Column(order_by=("author__first_name", "author__last_name"))
    internal = tables.BooleanColumn(yesno=(_("Internal"), ""))
    follow_up_on = tables.Column()
    follow_up_owner = tables.Column(
        order_by=("follow_up_owner__first_name", "follow_up_owner__last_name")
    )

    class Meta:
        model = LogEntry
        fields = [
            "date",
            "customer",
            "kind",
            "subject",
            "author",
            "internal",
            "follow_up_on",
            "follow_up_owner",
        ]
        order_by = "-date"
        empty_text = _("No log entries match the filter.")

    def render_author(self, value):
        return value.get_full_name() or value.username

    def render_follow_up_owner(self, value):
        return value.get_full_name() or value.username
