"""Demo complaints, return reasons and returned documents for 2012.

Seeded, so every run draws the same year; a year that already has records is left alone and
a reason that exists is never overwritten (a manager may have reworded its template).
"""

import random
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.models import Complaint, ReturnedDocument, ReturnReason
from customers.models import Customer, Process, User
from ekonomi.access import Role
from ekonomi.periods import Month
from ekonomi.workdays import add_working_days, is_working_day

YEAR = 2012

SEND_RIGHT = (
    "Skicka underlaget på nytt när det är rättat, så handlägger vi det inom avtalad ledtid."
)
REASONS = [
    (
        "attest",
        "Attest saknas",
        "Hej!\n\nVi skickar tillbaka {underlag} som kom till oss {datum}, eftersom attest "
        "saknas. Underlaget ska attesteras av behörig attestant enligt er attestordning innan "
        "vi kan registrera och betala det.\n\nSå gör ni rätt: låt attestanten signera "
        "underlaget med namnförtydligande. " + SEND_RIGHT + "\n\n{anteckning}",
    ),
    (
        "kontering",
        "Kontering saknas",
        "Hej!\n\nVi skickar tillbaka {underlag} som kom till oss {datum}, eftersom kontering "
        "saknas. Vi behöver ansvar, verksamhet och konto för att kunna bokföra "
        "underlaget.\n\nSå gör ni rätt: fyll i konteringsstämpeln eller bifoga "
        "konteringsblanketten. " + SEND_RIGHT + "\n\n{anteckning}",
    ),
    (
        "mottagare",
        "Fel fakturamottagare",
        "Hej!\n\nVi skickar tillbaka {underlag} som kom till oss {datum}, eftersom fakturan "
        "är ställd till fel mottagare eller saknar er referenskod.\n\nSå gör ni rätt: be "
        "leverantören ställa ut fakturan på nytt med {kund} som mottagare och er "
        "referenskod, till vår skanningsadress. {anteckning}",
    ),
    (
        "olasbart",
        "Oläsbart underlag",
        "Hej!\n\nVi skickar tillbaka {underlag} som kom till oss {datum}, eftersom det inte "
        "går att läsa: kopian eller skanningen är för otydlig.\n\nSå gör ni rätt: skicka "
        "originalet eller en tydlig kopia i A4, utan häftklamrar. "
        + SEND_RIGHT
        + "\n\n{anteckning}",
    ),
    (
        "bilaga",
        "Underlag eller kvitto saknas",
        "Hej!\n\nVi skickar tillbaka {underlag} som kom till oss {datum}, eftersom kvitto "
        "eller annat underlag som styrker utgiften saknas.\n\nSå gör ni rätt: bifoga "
        "originalkvittot eller fakturakopian. " + SEND_RIGHT + "\n\n{anteckning}",
    ),
    (
        "uppgifter",
        "Uppgifter saknas eller stämmer inte",
        "Hej!\n\nVi skickar tillbaka {underlag} som kom till oss {datum}, eftersom uppgifter "
        "saknas eller inte stämmer (till exempel belopp, bankgiro eller "
        "organisationsnummer).\n\nSå gör ni rätt: kontrollera uppgifterna mot avtal eller "
        "beställning och komplettera. " + SEND_RIGHT + "\n\n{anteckning}",
    ),
]

# (kind, process, own error, description, cause, action)
COMPLAINTS = [
    (
        "complaint",
        "AP",
        True,
        "Leverantörsfaktura betald två gånger.",
        "Fakturan registrerades både som e-faktura och från pappersoriginal.",
        "Återkrav skickat till leverantören; dubblettkontrollen skärpt i rutinen.",
    ),
    (
        "complaint",
        "AP",
        False,
        "Leverantören har skickat inkassokrav trots att fakturan låg för attest.",
        "Fakturan låg oattesterad hos förvaltningen i tre veckor.",
        "Påminnelse om attesttider skickad till förvaltningens attestanter.",
    ),
    (
        "complaint",
        "AR",
        True,
        "Kundfaktura skickad med fel belopp.",
        "Fel à-pris på manuellt underlag.",
        "Kreditfaktura och ny faktura skickade samma dag.",
    ),
    (
        "complaint",
        "AR",
        False,
        "Kunden anser att påminnelsen kom för tidigt.",
        "Förfallodag enligt underlaget från förvaltningen.",
        "Förklarat regeln för påminnelser.",
    ),
    (
        "complaint",
        "CASH",
        True,
        "Utbetalning från förskottskassa försenad en vecka.",
        "Ärendet blev liggande under semester.",
        "Ersättare utsedd för förskottskassan.",
    ),
    (
        "complaint",
        "SYS",
        False,
        "Behörighet i Agresso dröjde.",
        "Beställningen saknade chefens godkännande.",
        "Rutinen för beställning av behörighet förtydligad på intranätet.",
    ),
    (
        "complaint",
        "R2R",
        True,
        "Periodisering saknades i månadsbokslutet.",
        "Underlaget kom in efter brytdag och lades inte upp.",
        "Kontroll av sena underlag införd före brytdag.",
    ),
    (
        "complaint",
        "AP",
        True,
        "Faktura konterad på fel ansvar.",
        "Felläsning av konteringsstämpeln.",
        "Rättelse bokförd; dubbelkontroll av handskriven kontering.",
    ),
    (
        "complaint",
        "AR",
        False,
        "Svårt att nå gruppnumret för kundreskontra.",
        "Hög belastning vid månadsskiftet.",
        "Telefontid förlängd vid månadsskiften.",
    ),
    ("suggestion", "AP", False, "Önskar kvittens när ett underlag har registrerats.", "", ""),
    (
        "suggestion",
        "AR",
        False,
        "Förslag: fler abonnemangsfakturor i stället för manuella.",
        "",
        "",
    ),
    ("suggestion", "TP", False, "Önskar en kort lathund för tidrapportering i projekt.", "", ""),
    ("suggestion", "SYS", False, "Förslag om utbildning i Agresso för nya attestanter.", "", ""),
    ("praise", "AP", False, "Beröm för snabb hjälp med en brådskande utbetalning.", "", ""),
    ("praise", "R2R", False, "Tack för ett väl genomfört årsbokslut.", "", ""),
    ("praise", "AR", False, "Beröm för tydlig information om nya fakturarutiner.", "", ""),
]
CLOSING_ACTION = {"suggestion": "Förslaget tas upp i processgruppen.", "praise": ""}
DOCUMENTS = ["Leverantörsfaktura", "Utbetalningsunderlag", "Fakturaunderlag", "Kvitto"]


def load_reasons():
    for index, (code, name, template) in enumerate(REASONS):
        ReturnReason.objects.get_or_create(
            code=code, defaults={"name": name, "template": template, "sort_order": index}
        )
    return [_("%(count)s return reasons.") % {"count": ReturnReason.objects.count()}]


def _working_days(month):
    day, days = month.start, []
    while day < month.end:
        if is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def _staff_of(unit):
    people = list(
        User.objects.filter(unit=unit, role__in=Role.unit_roles(), is_active=True).order_by(
            "username"
        )
    )
    return people or list(User.objects.filter(role__in=Role.unit_roles()).order_by("username"))


def _complaint(rng, month, customers, processes, today):
    kind, process_code, own_error, description, cause, action = rng.choice(COMPLAINTS)
    process = processes[process_code]
    unit = process.unit or rng.choice(customers).manager_unit
    received = rng.choice(_working_days(month))
    target = Complaint.ANSWER_TARGET_DAYS[kind]
    # Most are answered within target, some late; the last weeks of the year are still open.
    answered = add_working_days(received, rng.choice([0, 1, 1, 2, 2, target, target + 3]))
    still_open = month.month == 12 and received.day > 10
    people = _staff_of(unit)
    fields = {
        "customer": rng.choice(customers),
        "process": process,
        "unit": unit,
        "kind": kind,
        "channel": rng.choice(list(Complaint.Channel)),
        "received_on": received,
        "description": description,
        "own_error": own_error,
        "cause": cause,
        "responsible": rng.choice(people),
        "created_by": rng.choice(people),
    }
    if still_open:
        status = rng.choice([Complaint.Status.NEW, Complaint.Status.IN_PROGRESS])
        answered = answered if answered <= today and rng.random() < 0.5 else None
        fields.update(status=status, started_on=received if status != "new" else None)
    else:
        fields.update(
            status=Complaint.Status.CLOSED,
            action=action or CLOSING_ACTION[kind],
            started_on=received,
            closed_on=add_working_days(answered, rng.choice([0, 1, 3])),
        )
    return Complaint(answered_on=answered, answer_due=Complaint.due_date(kind, received), **fields)


def _returned(rng, month, customers, processes, reasons):
    customer = rng.choice(customers)
    process = processes[rng.choice(["AP", "AP", "AP", "AR", "AR", "CASH"])]
    unit = process.unit or customer.manager_unit
    reason = rng.choices(reasons, weights=[8, 6, 4, 2, 3, 2][: len(reasons)])[0]
    number = rng.randint(10000, 99999)
    return ReturnedDocument(
        customer=customer,
        process=process,
        unit=unit,
        returned_on=rng.choice(_working_days(month)),
        reason=reason,
        document=f"{rng.choice(DOCUMENTS)} {number}",
        note=rng.choice(["", "", "Ring gärna om något är oklart."]),
        sent_by=rng.choice(_staff_of(unit)),
    )


def load_year(data):
    rng = random.Random(YEAR)
    customers = list(Customer.objects.filter(is_active=True).order_by("code"))
    processes = {p.code: p for p in Process.objects.select_related("unit")}
    reasons = list(ReturnReason.objects.order_by("sort_order"))
    today = timezone.localdate()
    lines = []
    if not Complaint.objects.filter(received_on__year=YEAR).exists():
        Complaint.objects.bulk_create(
            _complaint(rng, month, customers, processes, today)
            for month in Month.range(Month(YEAR, 1), Month(YEAR, 12))
            for _n in range(rng.randint(3, 6))
        )
    if not ReturnedDocument.objects.filter(returned_on__year=YEAR).exists():
        ReturnedDocument.objects.bulk_create(
            _returned(rng, month, customers, processes, reasons)
            for month in Month.range(Month(YEAR, 1), Month(YEAR, 12))
            for _n in range(rng.randint(15, 30))
        )
    lines.append(
        _("%(complaints)s complaints and feedback, %(returned)s returned documents in %(year)s.")
        % {
            "complaints": Complaint.objects.filter(received_on__year=YEAR).count(),
            "returned": ReturnedDocument.objects.filter(returned_on__year=YEAR).count(),
            "year": YEAR,
        }
    )
    return lines
