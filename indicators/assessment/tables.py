import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ekonomi.lists import HistoryColumn
from indicators.assessment.models import PrioritisedAction


class ActionTable(tables.Table):
    tertial = tables.Column(
        verbose_name=_("Tertial"), accessor="pk", order_by=("year", "number", "due")
    )
    area = tables.Column(order_by=("area", "due"))
    text = tables.Column()
    owner = tables.Column()
    due = tables.DateColumn(format="Y-m-d")
    status = tables.Column()
    history = HistoryColumn()

    class Meta:
        model = PrioritisedAction
        fields = ["tertial", "area", "text", "owner", "due", "status"]
        order_by = ("-tertial",)
        empty_text = _("No actions match the filter.")

    def render_tertial(self, record):
        return record.tertial.label

    def value_tertial(self, record):
        return record.tertial.label

    def render_status(self, record):
        return format_html(
            '<span class="status status-action-{}">{}</span>',
            record.status,
            record.get_status_display(),
        )

    def value_status(self, record):
        return str(record.get_status_display())


class LeadActionTable(ActionTable):
    """The head of operations' list: each action links to its edit page."""

    text = tables.LinkColumn("indicators:action_edit", args=[tables.A("pk")])
