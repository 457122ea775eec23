from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.models import ReturnedDocument, ReturnReason
from complaints.returns.messages import PLACEHOLDERS, unknown_placeholders


@transaction.atomic
def returned_document_register(*, actor, today=None, **fields) -> ReturnedDocument:
    today = today or timezone.localdate()
    document = ReturnedDocument(sent_by=actor, **fields)
    if document.returned_on > today:
        raise ValidationError({"returned_on": _("The return date cannot be in the future.")})
    document.full_clean()
    document.save()
    return document


def template_problems(template: str) -> list[str]:
    unknown = unknown_placeholders(template)
    if not unknown:
        return []
    return [
        _("Unknown placeholder %(names)s; use %(known)s.")
        % {
            "names": ", ".join(f"{{{name}}}" for name in unknown),
            "known": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
        }
    ]


@transaction.atomic
def return_reason_save(*, form) -> ReturnReason:
    reason = form.save(commit=False)
    problems = template_problems(reason.template)
    if problems:
        raise ValidationError({"template": problems})
    reason.full_clean()
    reason.save()
    return reason
