"""Time reported on add-on services: every write goes through the rules in `time_problems`."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import localize
from django.utils.translation import gettext as _

from customers.models import Customer, Service, User
from ekonomi.periods import Week
from invoicing import closing
from invoicing.timereport.models import COMMENT_LENGTH, MAX_HOURS_PER_DAY, TimeEntry, TimeImport
from invoicing.timereport.selectors import add_ons_on, display_name, may_report_for, week_entries

HUNDREDTH = Decimal("0.01")


@dataclass
class Hours:
    """Hours for one person, customer, add-on service and day; None takes them away."""

    person: User
    customer: Customer
    service: Service
    date: date
    hours: Decimal | None
    comment: str = ""
    # Where the caller took the figure from (a grid cell, a file row), to put errors back there.
    ref: object = None

    @property
    def key(self):
        return (self.person.pk, self.customer.pk, self.service.pk, self.date)


@dataclass(frozen=True)
class Problem:
    ref: object
    field: str
    message: str


class HoursRejected(ValidationError):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__([problem.message for problem in problems])


@dataclass
class SaveResult:
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    entries: list = field(default_factory=list)


def _key(entry: TimeEntry):
    return (entry.person_id, entry.customer_id, entry.service_id, entry.date)


def _item_problems(item: Hours, *, actor, add_ons) -> list[tuple[str, str]]:
    found = []
    if not may_report_for(actor=actor, person=item.person):
        found.append(
            (
                "person",
                _("You may not report hours for %(person)s.")
                % {"person": display_name(item.person)},
            )
        )
    if item.hours is None:
        return found
    if not item.customer.is_active:
        found.append(
            (
                "customer",
                _("%(customer)s is inactive; hours cannot be reported for it.")
                % {"customer": item.customer.code},
            )
        )
    if item.service.is_mandatory:
        found.append(
            (
                "service",
                _("%(service)s is not an add-on service; only add-on services are time-reported.")
                % {"service": item.service.name},
            )
        )
    elif item.service.pk not in add_ons(item.customer.pk, item.date):
        found.append(
            (
                "service",
                _("%(service)s is not in the agreement of %(customer)s on %(date)s.")
                % {
                    "service": item.service.name,
                    "customer": item.customer.code,
                    "date": item.date.isoformat(),
                },
            )
        )
    if item.hours <= 0:
        found.append(("hours", _("Hours must be more than zero.")))
    elif item.hours != item.hours.quantize(HUNDREDTH):
        found.append(("hours", _("Hours can have at most two decimals.")))
    if len(item.comment) > COMMENT_LENGTH:
        found.append(
            (
                "comment",
                _("The comment may be at most %(length)s characters.") % {"length": COMMENT_LENGTH},
            )
        )
    return found


def _day_totals(items: list[Hours], replaced_pks: set[int]):
    """Each person's hours per day once the items are saved: stored hours they do not replace,
    plus the items' own."""
    totals = defaultdict(Decimal)
    people = {item.person.pk for item in items}
    days = {item.date for item in items}
    keys = {item.key for item in items}
    stored = TimeEntry.objects.filter(person_id__in=people, date__in=days).exclude(
        pk__in=replaced_pks
    )
    for entry in stored.only("pk", "person_id", "customer_id", "service_id", "date", "hours"):
        if _key(entry) not in keys:
            totals[(entry.person_id, entry.date)] += entry.hours
    for item in items:
        if item.hours is not None and item.hours > 0:
            totals[(item.person.pk, item.date)] += item.hours
    return totals


def time_problems(
    *, actor, items: list[Hours], replaced_pks: frozenset = frozenset()
) -> list[Problem]:
    """Every rule broken by saving `items`; stored entries with the same key are replaced.

    A billed month takes hours like any other: what changes in it after billing is billed as
    an adjustment on the next invoice, as late volumes are.
    """
    cache = {}

    def add_ons(customer_id, on):
        # A file or a grid asks about the same customer and day many times.
        if (customer_id, on) not in cache:
            cache[(customer_id, on)] = add_ons_on(customer_id=customer_id, on=on)
        return cache[(customer_id, on)]

    problems = []
    for item in items:
        for field_name, message in _item_problems(item, actor=actor, add_ons=add_ons):
            problems.append(Problem(item.ref, field_name, message))
    totals = _day_totals(items, set(replaced_pks))
    for item in items:
        total = totals[(item.person.pk, item.date)]
        if item.hours is not None and total > MAX_HOURS_PER_DAY:
            problems.append(
                Problem(
                    item.ref,
                    "hours",
                    _(
                        "%(person)s would have %(total)s hours on %(date)s; at most 24 hours a "
                        "day can be reported."
                    )
                    % {
                        "person": display_name(item.person),
                        "total": localize(total.normalize()),
                        "date": item.date.isoformat(),
                    },
                )
            )
    return problems


def _lock(items):
    # The month close first, as every writer of the billing basis takes it: hours saved while
    # a month is issued wait, and are then billed on the next invoice (closing.py).
    closing.lock()
    # Then the people: two saves for one person cannot each see 20 hours on a day and
    # together store 40.
    list(User.objects.select_for_update().filter(pk__in={item.person.pk for item in items}))


def _apply(*, actor, items, source, time_import=None) -> SaveResult:
    result = SaveResult()
    stored = {
        _key(entry): entry
        for entry in TimeEntry.objects.filter(
            person_id__in={i.person.pk for i in items}, date__in={i.date for i in items}
        )
    }
    for item in items:
        entry = stored.get(item.key)
        if item.hours is None:
            if entry is not None:
                entry.delete()
                result.removed += 1
            continue
        if entry is None:
            entry = TimeEntry(
                person=item.person,
                customer=item.customer,
                service=item.service,
                date=item.date,
                created_by=actor,
            )
            result.added += 1
        elif (entry.hours, entry.comment) == (item.hours, item.comment):
            # A file imported again leaves the entries it already made as they were.
            result.unchanged += 1
            result.entries.append(entry)
            continue
        else:
            result.changed += 1
        entry.hours = item.hours
        entry.comment = item.comment
        entry.source = source
        # A figure changed by hand keeps the link to the file it first came from.
        if time_import is not None:
            entry.time_import = time_import
        entry.full_clean()
        entry.save()
        result.entries.append(entry)
    return result


@transaction.atomic
def time_entries_save(
    *, actor, items: list[Hours], source: str, time_import: TimeImport | None = None
) -> SaveResult:
    """Save all items or none: an entry with the same person, customer, service and day is
    replaced, an item without hours removes it."""
    _lock(items)
    problems = time_problems(actor=actor, items=items)
    if problems:
        raise HoursRejected(problems)
    return _apply(actor=actor, items=items, source=source, time_import=time_import)


def _refuse_duplicate(item: Hours, *, except_pk=None):
    others = TimeEntry.objects.filter(
        person=item.person, customer=item.customer, service=item.service, date=item.date
    ).exclude(pk=except_pk)
    if others.exists():
        raise HoursRejected(
            [
                Problem(
                    item.ref,
                    "date",
                    _(
                        "Hours are already reported for this person, customer, service and day; "
                        "change that entry instead."
                    ),
                )
            ]
        )


@transaction.atomic
def time_entry_create(
    *,
    actor,
    person: User,
    customer: Customer,
    service: Service,
    date: date,
    hours: Decimal,
    comment: str = "",
) -> TimeEntry:
    item = Hours(person, customer, service, date, hours, comment)
    _lock([item])
    _refuse_duplicate(item)
    problems = time_problems(actor=actor, items=[item])
    if problems:
        raise HoursRejected(problems)
    return _apply(actor=actor, items=[item], source=TimeEntry.Source.MANUAL).entries[0]


@transaction.atomic
def time_entry_update(
    *,
    actor,
    entry: TimeEntry,
    customer: Customer,
    service: Service,
    date: date,
    hours: Decimal,
    comment: str = "",
) -> TimeEntry:
    item = Hours(entry.person, customer, service, date, hours, comment)
    _lock([item])
    _refuse_duplicate(item, except_pk=entry.pk)
    # The entry as it stands must be changeable too: not someone else's.
    before = Hours(entry.person, entry.customer, entry.service, entry.date, None)
    problems = time_problems(actor=actor, items=[before]) + time_problems(
        actor=actor, items=[item], replaced_pks=frozenset({entry.pk})
    )
    if problems:
        raise HoursRejected(list(dict.fromkeys(problems)))
    entry.customer, entry.service, entry.date = customer, service, date
    entry.hours, entry.comment, entry.source = hours, comment, TimeEntry.Source.MANUAL
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def time_entry_delete(*, actor, entry: TimeEntry) -> None:
    item = Hours(entry.person, entry.customer, entry.service, entry.date, None)
    _lock([item])
    problems = time_problems(actor=actor, items=[item])
    if problems:
        raise HoursRejected(problems)
    entry.delete()


@transaction.atomic
def time_week_save(
    *, actor, person: User, week: Week, cells: dict[tuple[Customer, Service, date], Decimal | None]
) -> SaveResult:
    """The weekly grid: each cell is one day's hours on one customer and service. Only the
    cells that differ from what is stored are written, all of them or none."""
    stored = {_key(entry): entry for entry in week_entries(person=person, week=week)}
    items = []
    for (customer, service, day), hours in cells.items():
        if day not in week.days:
            raise ValueError(f"{day} is not in the week {week}")
        item = Hours(person, customer, service, day, hours or None, ref=(customer, service, day))
        entry = stored.get(item.key)
        if item.hours != (entry.hours if entry else None):
            # The grid has no comment fields; a changed figure keeps what was written about it.
            item.comment = entry.comment if entry else ""
            items.append(item)
    if not items:
        return SaveResult()
    return time_entries_save(actor=actor, items=items, source=TimeEntry.Source.MANUAL)
