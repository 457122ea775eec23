"""Small builders for complaints tests: a test states only what matters to it."""

from datetime import date

from complaints import services
from complaints.models import Complaint, ReturnedDocument, ReturnReason
from customers.models import Customer, Process, Unit, User


def officer():
    return User.objects.get(username="handlaggare")


def complaint(
    *,
    customer="RIKI",
    process="AR",
    unit="E1",
    kind=Complaint.Kind.COMPLAINT,
    received_on=date(2012, 3, 5),
    own_error=False,
    answered_on=None,
    status=Complaint.Status.NEW,
    action="",
    description="Fakturan kom aldrig fram.",
    today=date(2012, 12, 31),
):
    if status == Complaint.Status.CLOSED and not action:
        action = "Rättat och förklarat för kunden."
    return services.complaint_register(
        actor=officer(),
        today=today,
        customer=Customer.objects.get(code=customer),
        process=Process.objects.get(code=process),
        unit=Unit.objects.get(code=unit),
        kind=kind,
        received_on=received_on,
        own_error=own_error,
        answered_on=answered_on,
        status=status,
        action=action,
        description=description,
    )


def reason(code="attest"):
    found = ReturnReason.objects.filter(code=code).first()
    if found is not None:
        return found
    return ReturnReason.objects.create(
        code=code,
        name=f"Orsak {code}",
        template="Hej!\n\n{underlag} saknar attest. Skicka det rätt till {enhet}.",
    )


def returned(*, customer="RIKI", process="AP", unit="E2", on=date(2012, 3, 5), code="attest"):
    return ReturnedDocument.objects.create(
        customer=Customer.objects.get(code=customer),
        process=Process.objects.get(code=process),
        unit=Unit.objects.get(code=unit),
        returned_on=on,
        reason=reason(code),
        document="Leverantörsfaktura 4711",
        sent_by=officer(),
    )
