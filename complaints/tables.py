import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from complaints.models import Complaint


def answer_state(complaint, today):
    """The answer as a word: overdue, answered late, answered, or awaiting an answer."""
    if complaint.is_overdue(today):
        return _("Overdue")
    if complaint.answered_late:
        return _("Answered late")
    if complaint.answered_on is not None:
        return _("Answered")
    return _("Awaiting answer")


class ComplaintTable(tables.Table):
    received_on = tables.Column(
        linkify=lambda record: reverse("complaints:detail", args=[record.pk])
    )
    customer = tables.Column(accessor="customer__code", order_by=("customer__code", "received_on"))
    process = tables.Column(accessor="process__code", order_by=("process__sort_order",))
    unit = tables.Column(accessor="unit__code", verbose_name=_("Unit"))
    kind = tables.Column()
    description = tables.Column(orderable=False)
    own_error = tables.BooleanColumn(yesno=(_("Yes"), _("No")))
    status = tables.Column()
    answer_due = tables.Column()
    answered_on = tables.Column()
    answer = tables.Column(verbose_name=_("Answer"), orderable=False, empty_values=())

    class Meta:
        model = Complaint
        fields = [
            "received_on",
            "customer",
            "process",
            "unit",
            "kind",
            "description",
            "own_error",
            "status",
            "answer_due",
            "answered_on",
        ]
        order_by = "-received_on"
        empty_text = _("No complaints or feedback match the filter.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = timezone.localdate()

    def render_description(self, value):
        return value if len(value) <= 80 else f"{value[:79]}…"

    def value_description(self, value):
        return value

    def render_answer(self, record):
        state = answer_state(record, self.today)
        if record.is_overdue(self.today):
            return format_html('<span class="badge overdue">{}</span>', state)
        return state

    def value_answer(self, record):
        return str(answer_state(record, self.today))
