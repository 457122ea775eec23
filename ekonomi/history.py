"""The audit trail: every model with django-simple-history's `history`, read as people read.

A version says when, who, what happened (Skapad / Ändrad / Borttagen) and each field's old
and new value as the pages show them: a foreign key by its name, a choice by its label, a
yes/no as a word, a number with a decimal comma. `record_versions` is one record's trail;
`recent_changes` is every tracked record's, newest first, one page at a time.
"""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.core.paginator import Paginator
from django.db import models
from django.db.models import CharField, Value
from django.http import Http404
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.manager import HistoryManager
from simple_history.models import DeletedObject

ACTIONS = {"+": gettext_lazy("Created"), "~": gettext_lazy("Changed"), "-": gettext_lazy("Deleted")}
EMPTY = "\u2013"
PER_PAGE = 50


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class Version:
    when: datetime
    who: object
    action: str
    changes: list
    record: str = ""
    model_name: str = ""
    url: str = ""


def tracked_models() -> list:
    """Every model that keeps history, by its name in the plural."""
    found = [
        model
        for model in apps.get_models()
        if isinstance(getattr(model, "history", None), HistoryManager)
    ]
    return sorted(found, key=lambda model: str(model._meta.verbose_name_plural))


def tracked_model(label):
    """The model for "app_label.model_name", if it keeps history; otherwise 404."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise Http404 from None
    if model not in tracked_models():
        raise Http404
    return model


def history_url(instance) -> str:
    return reverse("record_history", args=[instance._meta.label_lower, instance.pk])


def tracked_instance(model, pk):
    """The record, or, once it is deleted, its last recorded state; 404 if it never was."""
    instance = model.objects.filter(pk=pk).first()
    if instance is not None:
        return instance
    last = model.history.filter(**{model._meta.pk.attname: pk}).order_by("-history_date").first()
    if last is None:
        raise Http404
    return last.instance


def display(field, value) -> str:
    """One value as the pages show it."""
    if isinstance(value, DeletedObject):
        return _("%(model)s %(pk)s (deleted)") % {
            "model": value.model._meta.verbose_name,
            "pk": value.pk,
        }
    if value is None or value == "":
        return EMPTY
    if isinstance(value, models.Model):
        return str(value)
    if field is not None and field.flatchoices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return formats.date_format(timezone.localtime(value), "Y-m-d H:i")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (Decimal, float)):
        return formats.number_format(value, force_grouping=True)
    return str(value)


def _field(model, name):
    try:
        return model._meta.get_field(name)
    except LookupError:
        return None


def _changes(record, previous) -> list[Change]:
    model = record.instance_type
    if previous is None:
        # What the record was created with: every field that was given a value.
        changes = []
        for tracked in record.tracked_fields:
            if not tracked.editable or tracked.primary_key:
                continue
            value = getattr(record, tracked.name, None)
            if value not in (None, ""):
                field = _field(model, tracked.name)
                changes.append(Change(_label(field, tracked), EMPTY, display(field, value)))
        return changes
    delta = record.diff_against(previous, foreign_keys_are_objs=True)
    changes = []
    for change in delta.changes:
        field = _field(model, change.field)
        changes.append(
            Change(_label(field, None), display(field, change.old), display(field, change.new))
        )
    return changes


def _label(field, fallback):
    return str((field or fallback).verbose_name)


def _record_name(record) -> str:
    try:
        return str(record.instance)
    except ObjectDoesNotExist:
        return f"{record.instance_type._meta.verbose_name} {record.instance.pk}"


def _version(record, previous, *, with_record=False) -> Version:
    version = Version(
        when=record.history_date,
        who=record.history_user,
        action=str(ACTIONS.get(record.history_type, record.history_type)),
        changes=_changes(record, previous),
    )
    if with_record:
        model = record.instance_type
        version.record = _record_name(record)
        version.model_name = str(model._meta.verbose_name)
        version.url = reverse("record_history", args=[model._meta.label_lower, record.instance.pk])
    return version


def _filtered(queryset, *, user=None, date_from=None, date_to=None):
    if user is not None:
        queryset = queryset.filter(history_user=user)
    if date_from is not None:
        queryset = queryset.filter(history_date__date__gte=date_from)
    if date_to is not None:
        queryset = queryset.filter(history_date__date__lte=date_to)
    return queryset


def _matches(record, *, user=None, date_from=None, date_to=None) -> bool:
    day = timezone.localtime(record.history_date).date()
    return (
        (user is None or record.history_user_id == user.pk)
        and (date_from is None or day >= date_from)
        and (date_to is None or day <= date_to)
    )


def record_versions(instance, **filters) -> list[Version]:
    """Newest first: who changed what and when; filters: user, date_from, date_to."""
    model = type(instance)
    # Every version is read, filtered or not: each is compared with the one before it.
    every = list(
        model.history.filter(**{model._meta.pk.attname: instance.pk})
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    return [
        _version(record, every[index + 1] if index + 1 < len(every) else None)
        for index, record in enumerate(every)
        if _matches(record, **filters)
    ]


def recent_changes(*, page=1, model=None, **filters):
    """One page (`Paginator` page) of every tracked record's versions, newest first.

    The history tables are read as one UNION of (id, date, model), so that the database sorts
    and pages them; only the page's own versions are then read whole.
    """
    models_ = [model] if model is not None else tracked_models()
    parts = [
        _filtered(m.history.all(), **filters)
        .annotate(label=Value(m._meta.label_lower, output_field=CharField()))
        .values_list("history_id", "history_date", "label")
        .order_by()
        for m in models_
    ]
    union = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    paginator = Paginator(union.order_by("-history_date", "-history_id"), PER_PAGE)
    page_obj = paginator.get_page(page)
    ids = {}
    for history_id, _when, label in page_obj.object_list:
        ids.setdefault(label, []).append(history_id)
    records = {}
    for label, history_ids in ids.items():
        for record in (
            apps.get_model(label).history.filter(history_id__in=history_ids)
        ).select_related("history_user"):
            records[(label, record.history_id)] = record
    page_obj.object_list = [
        _version(record, record.prev_record, with_record=True)
        for history_id, _when, label in page_obj.object_list
        for record in [records[(label, history_id)]]
    ]
    return page_obj
