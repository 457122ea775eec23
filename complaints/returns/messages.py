"""The message that goes with a returned document, drafted from its reason's template.

Templates are written by managers, so they are filled by plain placeholder substitution
(never str.format, which would let a template reach into Python objects), and a template
with a placeholder we do not know is refused when it is saved.
"""

import re
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.utils.translation import gettext as _

PLACEHOLDER = re.compile(r"\{(\w+)\}")
PLACEHOLDERS = ("kund", "underlag", "datum", "anteckning", "avsandare", "enhet", "telefon")


def unknown_placeholders(template: str) -> list[str]:
    return sorted({name for name in PLACEHOLDER.findall(template) if name not in PLACEHOLDERS})


def fill(template: str, values: dict) -> str:
    return PLACEHOLDER.sub(lambda match: values.get(match[1], match[0]), template)


@dataclass(frozen=True)
class DraftedMessage:
    to: str
    subject: str
    body: str

    @property
    def mailto(self):
        return f"mailto:{self.to}?subject={quote(self.subject)}&body={quote(self.body)}"


def draft_message(document) -> DraftedMessage:
    sender = document.sent_by.get_full_name() or document.sent_by.username
    unit = document.unit
    values = {
        "kund": document.customer.name,
        "underlag": document.document or _("the document"),
        "datum": document.returned_on.isoformat(),
        "anteckning": document.note,
        "avsandare": sender,
        "enhet": unit.name,
        "telefon": unit.phone,
    }
    body = fill(document.reason.template, values).strip()
    if document.note and "{anteckning}" not in document.reason.template:
        body += "\n\n" + document.note
    signature = [_("Kind regards"), sender, f"{unit.name}, {settings.ORGANISATION_NAME}"]
    if unit.phone:
        signature.append(_("Phone %(phone)s") % {"phone": unit.phone})
    subject = _("Returned document: %(reason)s") % {"reason": document.reason.name}
    if document.document:
        subject += f" ({document.document})"
    return DraftedMessage(
        to=document.customer.mailbox, subject=subject, body=body + "\n\n" + "\n".join(signature)
    )
