"""Shared set-up for the agreement tests: the demo's 2012 agreements and form data."""

import json

from django.conf import settings

from customers.agreements import demo as demo_agreements
from customers.models import Service, ServiceAgreement


def load_demo_agreements():
    # Idempotent, so it works whether or not the demo command already loads the agreements.
    path = settings.BASE_DIR / "fixtures" / "demo_organisation.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return demo_agreements.load(data)


def agreement(code, year=2012):
    return ServiceAgreement.objects.get(customer__code=code, year=year)


def form_data(year=None, **rows):
    """POST data for the agreement form: catalogue defaults, with `rows` as overrides.

    `rows` maps a service code to its fields, e.g. R2R={"included": "on", "estimated_hours": "400"}.
    """
    data = {} if year is None else {"year": str(year), "note": ""}
    for service in Service.objects.all():
        fields = {
            "lead_time_days": str(service.default_lead_time_days),
            "interface_text": service.interface_text,
        }
        fields.update(rows.get(service.code, {}))
        data.update({f"{service.code}-{name}": value for name, value in fields.items()})
    return data
