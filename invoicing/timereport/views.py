from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from customers.models import Customer, Service, User
from ekonomi import access, lists
from ekonomi.importing import import_page
from ekonomi.periods import Week
from ekonomi.uploads import upload_limit
from invoicing.timereport import imports, selectors, services
from invoicing.timereport.filters import (
    Grouping,
    TimeCustomerFilter,
    TimeListFilter,
    TimeSummaryFilter,
)
from invoicing.timereport.forms import HoursImportForm, TimeEntryForm, WeekGridForm, cell_name
from invoicing.timereport.tables import TimeEntryTable, TimeSummaryTable

# A year of hours for the whole unit is well under this.
TIME_IMPORT_MAX_BYTES = 5 * 1024 * 1024

SUMMARY_COLUMNS = {
    "customer": ("customer", "customer_name"),
    "person": ("person",),
    "service": ("service", "service_name"),
}


def _may_edit(user):
    if not access.can(user, access.TIME_WRITE):
        return None
    return lambda entry: selectors.may_report_for(actor=user, person=entry.person)


def _summary_table(groups):
    hidden = [col for group, cols in SUMMARY_COLUMNS.items() if group not in groups for col in cols]
    return partial(TimeSummaryTable, exclude=hidden)


def _page_context(request):
    return {"can_report": access.can(request.user, access.TIME_WRITE)}


@access.allow(access.READ)
def time_list(request):
    return lists.table_page(
        request,
        queryset=selectors.time_entries(user=request.user),
        filterset_class=TimeListFilter,
        table_class=partial(TimeEntryTable, may_edit=_may_edit(request.user)),
        template="invoicing/time_list.html",
        export_name="tidrapporter",
        **_page_context(request),
    )


@access.allow(access.READ)
def time_summary(request):
    groups = Grouping.GROUPS[Grouping.of(request)]
    return lists.table_page(
        request,
        queryset=selectors.time_summary(
            entries=selectors.time_entries(user=request.user), groups=groups
        ),
        filterset_class=TimeSummaryFilter,
        table_class=_summary_table(groups),
        template="invoicing/time_summary.html",
        export_name="timmar-summering",
        **_page_context(request),
    )


@access.allow(access.READ)
def time_customer(request, code):
    customer = selectors.time_customer_get(user=request.user, code=code)
    groups = ["service"]
    return lists.table_page(
        request,
        queryset=selectors.time_summary(
            entries=selectors.time_entries(user=request.user).filter(customer=customer),
            groups=groups,
        ),
        filterset_class=TimeCustomerFilter,
        table_class=_summary_table(groups),
        template="invoicing/time_customer.html",
        export_name=f"timmar-{customer.code}",
        customer=customer,
        **_page_context(request),
    )


def _show_problems(form, problems, fields):
    for problem in problems:
        form.add_error(problem.field if problem.field in fields else None, problem.message)


@access.allow(access.TIME_WRITE)
def time_create(request):
    people = selectors.reportable_people(actor=request.user)
    form = TimeEntryForm(request.POST or None, people=people, initial={"person": request.user.pk})
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.time_entry_create(actor=request.user, **form.cleaned_data)
        except services.HoursRejected as rejected:
            _show_problems(form, rejected.problems, form.fields)
        else:
            messages.success(request, _("The hours were saved."))
            return redirect(_week_url(entry.person, Week.of(entry.date)))
    return render(request, "invoicing/time_form.html", {"form": form})


def _editable_entry(request, pk):
    entry = selectors.time_entry_get(user=request.user, pk=pk)
    if not selectors.may_report_for(actor=request.user, person=entry.person):
        raise PermissionDenied
    return entry


@access.allow(access.TIME_WRITE)
def time_edit(request, pk):
    entry = _editable_entry(request, pk)
    form = TimeEntryForm(
        request.POST or None,
        people=None,
        entry=entry,
        initial={
            "customer": entry.customer_id,
            "service": entry.service_id,
            "date": entry.date,
            "hours": entry.hours,
            "comment": entry.comment,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.time_entry_update(actor=request.user, entry=entry, **form.cleaned_data)
        except services.HoursRejected as rejected:
            _show_problems(form, rejected.problems, form.fields)
        else:
            messages.success(request, _("The hours were saved."))
            return redirect(_week_url(entry.person, Week.of(entry.date)))
    return render(request, "invoicing/time_form.html", {"form": form, "entry": entry})


@require_POST
@access.allow(access.TIME_WRITE)
def time_delete(request, pk):
    entry = _editable_entry(request, pk)
    try:
        services.time_entry_delete(actor=request.user, entry=entry)
    except services.HoursRejected as rejected:
        for problem in rejected.problems:
            messages.error(request, problem.message)
        return redirect("invoicing:time_edit", pk=entry.pk)
    messages.success(request, _("The entry was deleted."))
    return redirect(_week_url(entry.person, Week.of(entry.date)))


def _week_url(person, week):
    query = urlencode({"person": person.username, "week": str(week)})
    return f"{reverse('invoicing:time_week')}?{query}"


def _week_person(request, people):
    username = request.GET.get("person")
    if not username:
        if selectors.may_report_for(actor=request.user, person=request.user):
            return request.user
        return people.first()
    person = get_object_or_404(User, username=username)
    if not selectors.may_report_for(actor=request.user, person=person):
        raise PermissionDenied
    return person


def _week_of(request):
    text = request.GET.get("week")
    if not text:
        return Week.of(timezone.localdate())
    try:
        return Week.parse(text)
    except ValueError:
        raise Http404 from None


def _parse_pairs(text):
    ids = []
    for part in text.split(","):
        customer_id, _sep, service_id = part.partition(":")
        if customer_id.isdigit() and service_id.isdigit():
            ids.append((int(customer_id), int(service_id)))
    return ids


def _week_rows(request, stored):
    """The grid's rows: what is stored for the week, what the form already showed, and the
    row being added."""
    keys = [(e.customer_id, e.service_id) for e in stored]
    if request.method == "POST":
        keys += _parse_pairs(request.POST.get("rows", ""))
        if request.POST.get("action") == "add":
            keys += _parse_pairs(request.POST.get("add", ""))
    keys = list(dict.fromkeys(keys))
    customers = Customer.objects.in_bulk({c for c, _s in keys})
    services_by_id = Service.objects.in_bulk({s for _c, s in keys})
    rows = [
        (customers[c], services_by_id[s]) for c, s in keys if c in customers and s in services_by_id
    ]
    return sorted(rows, key=lambda row: (row[0].code, row[1].sort_order, row[1].code))


@access.allow(access.TIME_WRITE)
def time_week(request):
    people = selectors.reportable_people(actor=request.user)
    person = _week_person(request, people)
    week = _week_of(request)
    context = {"people": people, "person": person, "week": week}
    if person is None:
        return render(request, "invoicing/time_week.html", context)
    choices = selectors.add_on_choices(week=week)
    stored = list(selectors.week_entries(person=person, week=week))
    rows = _week_rows(request, stored)
    initial = {
        cell_name(e.customer, e.service, (e.date - week.start).days): e.hours for e in stored
    }
    data = request.POST if request.method == "POST" else None
    form = WeekGridForm(data, initial=initial, week=week, rows=rows)
    if data is not None and request.POST.get("action") == "save":
        if form.is_valid():
            try:
                result = services.time_week_save(
                    actor=request.user, person=person, week=week, cells=form.cells()
                )
            except services.HoursRejected as rejected:
                for problem in rejected.problems:
                    customer, service, day = problem.ref
                    index = week.days.index(day)
                    form.add_error(cell_name(customer, service, index), problem.message)
            else:
                messages.success(
                    request,
                    _(
                        "The week was saved: %(added)s new, %(changed)s changed, %(removed)s "
                        "removed."
                    )
                    % {"added": result.added, "changed": result.changed, "removed": result.removed},
                )
                return redirect(_week_url(person, week))
        messages.error(request, _("Nothing was saved. Correct the marked cells and save again."))
    shown = {(c.pk, s.pk) for c, s in rows}
    context.update(
        form=form,
        grid=form.grid(),
        add_choices=[(f"{c.pk}:{s.pk}", c, s) for c, s in choices if (c.pk, s.pk) not in shown],
        previous_url=_week_url(person, week.previous()),
        next_url=_week_url(person, week.next()),
    )
    return render(request, "invoicing/time_week.html", context)


@upload_limit(TIME_IMPORT_MAX_BYTES)
@access.allow(access.TIME_WRITE)
def time_import(request):
    def done(result):
        record = result.record
        messages.success(
            request,
            _(
                "%(file)s was imported: %(added)s new entries, %(changed)s changed, "
                "%(unchanged)s unchanged."
            )
            % {
                "file": record.file_name,
                "added": record.rows_added,
                "changed": record.rows_changed,
                "unchanged": record.rows_unchanged,
            },
        )
        if result.billed:
            messages.info(
                request,
                _(
                    "%(months)s is already billed; its hours from the file are adjusted on the "
                    "next invoice."
                )
                % {"months": ", ".join(str(month) for month in result.billed)},
            )
        return redirect("invoicing:time_list")

    return import_page(
        request,
        schema=imports.SCHEMA,
        upload_form=HoursImportForm,
        run=partial(imports.hours_import, actor=request.user),
        done=done,
        template="invoicing/time_import.html",
    )
