"""The audit trail: every domain model carries django-simple-history's `history`."""

from dataclasses import dataclass

from django.apps import apps
from django.http import Http404


@dataclass
class Change:
    field: str
    old: object
    new: object


@dataclass
class Version:
    when: object
    who: object
    kind: str
    changes: list


def tracked_model(label):
    """The model for "app_label.model_name", if it keeps history; otherwise 404."""
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        raise Http404 from None
    if not hasattr(model, "history"):
        raise Http404
    return model


def record_versions(instance):
    """Newest first: who changed what, when, with old and new values per field."""
    records = list(instance.history.select_related("history_user").order_by("-history_date"))
    fields = {f.attname: f for f in instance._meta.concrete_fields}
    versions = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None:
            for change in record.diff_against(previous).changes:
                field = fields.get(change.field) or instance._meta.get_field(change.field)
                changes.append(Change(str(field.verbose_name), change.old, change.new))
        versions.append(
            Version(
                when=record.history_date,
                who=record.history_user,
                kind=record.get_history_type_display(),
                changes=changes,
            )
        )
    return versions
