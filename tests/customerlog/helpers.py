from datetime import date

from customerlog import services
from customerlog.models import Meeting, MeetingAction
from customers.models import Customer, User


def officer():
    return User.objects.get(username="handlaggare")


def entry(*, customer="RIKI", on=date(2012, 3, 5), follow_up_on=None, internal=False, **fields):
    fields.setdefault("subject", "Fråga om fakturastatus")
    fields.setdefault("text", "Kunden undrade varför fakturan inte betalats.")
    return services.log_entry_create(
        actor=fields.pop("actor", officer()),
        customer=Customer.objects.get(code=customer),
        date=on,
        kind=fields.pop("kind", "phone"),
        internal=internal,
        follow_up_on=follow_up_on,
        follow_up_owner=fields.pop("owner", None),
        **fields,
    )


def meeting(*, customer="RIKI", on=date(2012, 3, 5), status="held", minutes="", actions=()):
    held = Meeting.objects.create(
        customer=Customer.objects.get(code=customer),
        date=on,
        status=status,
        agenda=["agreement"],
        minutes=minutes,
        created_by=officer(),
    )
    for description, owner, due_on in actions:
        MeetingAction.objects.create(
            meeting=held, description=description, owner=owner, due_on=due_on
        )
    return held
