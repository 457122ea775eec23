"""Writing the customer log; its rules are field errors a user reads in Swedish."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from customerlog.models import LogEntry

EDITABLE = (
    "customer",
    "date",
    "kind",
    "subject",
    "text",
    "internal",
    "follow_up_on",
    "follow_up_owner",
)


def follow_up_owner_for(*, follow_up_on, owner, actor):
    """A follow-up without a named owner is the writer's own."""
    if follow_up_on is not None and owner is None:
        return actor
    return owner


def follow_up_problems(*, date, follow_up_on) -> dict:
    if follow_up_on is not None and date is not None and follow_up_on < date:
        return {"follow_up_on": _("The follow-up date cannot be before the entry date.")}
    return {}


def _save(entry):
    errors = follow_up_problems(date=entry.date, follow_up_on=entry.follow_up_on)
    if errors:
        raise ValidationError(errors)
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def log_entry_create(*, actor, **fields) -> LogEntry:
    fields["follow_up_owner"] = follow_up_owner_for(
        follow_up_on=fields.get("follow_up_on"), owner=fields.get("follow_up_owner"), actor=actor
    )
    return _save(LogEntry(author=actor, **fields))


@transaction.atomic
def log_entry_update(*, actor, entry: LogEntry, **fields) -> LogEntry:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(entry, name, value)
    entry.follow_up_owner = follow_up_owner_for(
        follow_up_on=entry.follow_up_on, owner=entry.follow_up_owner, actor=actor
    )
    if entry.follow_up_on is None:
        entry.follow_up_done_on = None
    return _save(entry)


@transaction.atomic
def follow_up_done(*, entry: LogEntry, today=None) -> LogEntry:
    # Anyone on the staff may mark it done: a colleague often finishes what another began.
    if entry.follow_up_on is None:
        raise ValidationError(_("This entry has no follow-up."))
    entry.follow_up_done_on = today or timezone.localdate()
    entry.save(update_fields=["follow_up_done_on"])
    return entry
