"""Registering and working complaints; every rule a user can break is a Swedish field error."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.models import Complaint

# Fields a user may change after registration; status moves through `complaint_update` too.
EDITABLE = (
    "customer",
    "process",
    "unit",
    "kind",
    "channel",
    "received_on",
    "description",
    "own_error",
    "cause",
    "action",
    "responsible",
    "status",
    "answered_on",
)


def _problems(complaint: Complaint, today) -> dict:
    errors = {}
    if complaint.received_on > today:
        errors["received_on"] = _("The date received cannot be in the future.")
    if complaint.answered_on is not None:
        if complaint.answered_on < complaint.received_on:
            errors["answered_on"] = _("The answer cannot be dated before the day it arrived.")
        elif complaint.answered_on > today:
            errors["answered_on"] = _("The answer date cannot be in the future.")
    # Praise needs no action; a complaint or suggestion is closed by doing something about it.
    if (
        complaint.status == Complaint.Status.CLOSED
        and complaint.kind != Complaint.Kind.PRAISE
        and not complaint.action.strip()
    ):
        errors["action"] = _("Describe the action taken before you close it.")
    return errors


def _save(complaint, today):
    errors = _problems(complaint, today)
    if errors:
        raise ValidationError(errors)
    complaint.answer_due = Complaint.due_date(complaint.kind, complaint.received_on)
    complaint.full_clean()
    complaint.save()
    return complaint


def _status_dates(complaint, today):
    """Keep the dates of the status: work started, closed (and reopened)."""
    if complaint.status != Complaint.Status.NEW and complaint.started_on is None:
        complaint.started_on = today
    if complaint.status == Complaint.Status.CLOSED:
        complaint.closed_on = complaint.closed_on or today
    else:
        complaint.closed_on = None


@transaction.atomic
def complaint_register(*, actor, today=None, **fields) -> Complaint:
    """Register a complaint, suggestion or praise; fields are those of the model."""
    today = today or timezone.localdate()
    fields.setdefault("responsible", actor)
    complaint = Complaint(created_by=actor, **fields)
    _status_dates(complaint, today)
    return _save(complaint, today)


@transaction.atomic
def complaint_update(*, actor, complaint: Complaint, today=None, **fields) -> Complaint:
    today = today or timezone.localdate()
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(complaint, name, value)
    _status_dates(complaint, today)
    return _save(complaint, today)
