from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from customerlog import selectors, services
from customerlog.filters import LogEntryFilter
from customerlog.forms import LogEntryForm, log_initial
from customerlog.meetings.selectors import held_against_planned, plan_year
from customerlog.tables import LogEntryTable
from ekonomi import access, lists
from ekonomi.records import customer_records

TIMELINE_LENGTH = 15
SEARCH_LIMIT = 50


@access.allow(access.READ)
def log_list(request):
    return lists.table_page(
        request,
        queryset=selectors.visible_entries(user=request.user),
        filterset_class=LogEntryFilter,
        table_class=LogEntryTable,
        template="customerlog/log_list.html",
        export_name="kundlogg",
        can_record=access.can(request.user, access.CONTACT_WRITE),
    )


def _entry_form(request, form, save, template_context):
    if request.method == "POST" and form.is_valid():
        try:
            entry = save(**form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The log entry was saved."))
            return redirect("customerlog:entry_detail", pk=entry.pk)
    return render(request, "customerlog/entry_form.html", {"form": form, **template_context})


@access.allow(access.CONTACT_WRITE)
def entry_create(request):
    initial = log_initial(customer_code=request.GET.get("kund"), today=timezone.localdate())
    form = LogEntryForm(request.POST or None, initial=initial, user=request.user)
    return _entry_form(
        request,
        form,
        lambda **fields: services.log_entry_create(actor=request.user, **fields),
        {},
    )


@access.allow(access.CONTACT_WRITE)
def entry_edit(request, pk):
    entry = selectors.entry_get(user=request.user, pk=pk)
    form = LogEntryForm(request.POST or None, instance=entry, user=request.user)
    return _entry_form(
        request,
        form,
        lambda **fields: services.log_entry_update(actor=request.user, entry=entry, **fields),
        {"entry": entry},
    )


@access.allow(access.READ)
def entry_detail(request, pk):
    entry = selectors.entry_get(user=request.user, pk=pk)
    return render(
        request,
        "customerlog/entry_detail.html",
        {
            "entry": entry,
            "can_record": access.can(request.user, access.CONTACT_WRITE),
            "today": timezone.localdate(),
        },
    )


@require_POST
@access.allow(access.CONTACT_WRITE)
def follow_up_done(request, pk):
    entry = selectors.entry_get(user=request.user, pk=pk)
    try:
        services.follow_up_done(entry=entry)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The follow-up is done."))
    if request.POST.get("from") == "follow_ups":
        return redirect("customerlog:follow_ups")
    return redirect("customerlog:entry_detail", pk=entry.pk)


@access.allow(access.STAFF_READ)
def follow_ups(request):
    today = timezone.localdate()
    items = selectors.follow_ups(user=request.user, today=today)
    return render(
        request,
        "customerlog/follow_ups.html",
        {
            "overdue": [i for i in items if i.overdue],
            "due": [i for i in items if not i.overdue],
            "today": today,
        },
    )


@access.allow(access.READ)
def search(request):
    query = request.GET.get("q", "").strip()
    results = (
        customer_records.search(user=request.user, query=query, limit=SEARCH_LIMIT) if query else []
    )
    return render(
        request,
        "customerlog/search.html",
        {"query": query, "results": results, "limit": SEARCH_LIMIT},
    )


def customer_timeline_context(request, *, customer):
    year = plan_year(customer=customer, today=timezone.localdate())
    return {
        "timeline": customer_records.timeline(
            user=request.user, customer=customer, limit=TIMELINE_LENGTH
        ),
        "meetings_year": year,
        "meetings_plan": next(
            iter(held_against_planned(user=request.user, year=year, customer=customer)), None
        ),
        "can_record": access.can(request.user, access.CONTACT_WRITE),
    }
