"""Customer meetings, their agreed actions and the yearly plan."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from customerlog.models import Meeting, MeetingAction, MeetingPlan


@transaction.atomic
def meeting_save(*, actor, form, actions) -> Meeting:
    """Save a meeting form and its action formset together; both are already valid."""
    meeting = form.save(commit=False)
    if meeting.pk is None:
        meeting.created_by = actor
    meeting.full_clean()
    meeting.save()
    actions.instance = meeting
    for action in actions.save(commit=False):
        action.full_clean()
        action.save()
    for action in actions.deleted_objects:
        action.delete()
    return meeting


@transaction.atomic
def action_close(*, action: MeetingAction, today=None) -> MeetingAction:
    if action.closed_on is not None:
        raise ValidationError(_("The action is already closed."))
    action.closed_on = today or timezone.localdate()
    action.save(update_fields=["closed_on"])
    return action


@transaction.atomic
def meeting_plan_set(*, customer, year: int, planned: int) -> MeetingPlan:
    plan, _created = MeetingPlan.objects.update_or_create(
        customer=customer, year=year, defaults={"planned": planned}
    )
    return plan
