from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from customerlog.forms import log_initial
from customerlog.meetings import selectors, services
from customerlog.meetings.filters import MeetingFilter
from customerlog.meetings.forms import ActionFormSet, MeetingForm
from customerlog.meetings.tables import MeetingTable
from customerlog.models import Meeting, MeetingAction
from ekonomi import access, lists, params


@access.allow(access.READ)
def meeting_list(request):
    meetings = selectors.meeting_list(user=request.user).annotate(
        open_actions=Count("actions", filter=Q(actions__closed_on__isnull=True))
    )
    return lists.table_page(
        request,
        queryset=meetings,
        filterset_class=MeetingFilter,
        table_class=MeetingTable,
        template="customerlog/meeting_list.html",
        export_name="kundmoten",
        can_record=access.can(request.user, access.CONTACT_WRITE),
    )


def _meeting_form(request, meeting, form):
    actions = ActionFormSet(request.POST or None, instance=meeting or Meeting(), prefix="actions")
    if request.method == "POST" and form.is_valid() and actions.is_valid():
        try:
            meeting = services.meeting_save(actor=request.user, form=form, actions=actions)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting was saved."))
            return redirect("customerlog:meeting_detail", pk=meeting.pk)
    elif request.method == "POST":
        messages.error(request, _("Nothing was saved. Correct the marked fields and save again."))
    return render(
        request,
        "customerlog/meeting_form.html",
        {"form": form, "actions": actions, "meeting": meeting},
    )


@access.allow(access.CONTACT_WRITE)
def meeting_create(request):
    initial = log_initial(customer_code=request.GET.get("kund"), today=timezone.localdate())
    return _meeting_form(request, None, MeetingForm(request.POST or None, initial=initial))


@access.allow(access.CONTACT_WRITE)
def meeting_edit(request, pk):
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    return _meeting_form(request, meeting, MeetingForm(request.POST or None, instance=meeting))


@access.allow(access.READ)
def meeting_detail(request, pk):
    meeting = selectors.meeting_get(user=request.user, pk=pk)
    return render(
        request,
        "customerlog/meeting_detail.html",
        {
            "meeting": meeting,
            "actions": meeting.actions.select_related("owner"),
            "can_record": access.can(request.user, access.CONTACT_WRITE),
            "today": timezone.localdate(),
        },
    )


@require_POST
@access.allow(access.CONTACT_WRITE)
def action_close(request, pk):
    action = get_object_or_404(
        access.scope(MeetingAction.objects.all(), request.user, "meeting__customer"), pk=pk
    )
    try:
        services.action_close(action=action)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The action is closed."))
    if request.POST.get("from") == "follow_ups":
        return redirect("customerlog:follow_ups")
    return redirect("customerlog:meeting_detail", pk=action.meeting_id)


@access.allow(access.READ)
def held_planned(request):
    years = sorted(
        {d.year for d in Meeting.objects.dates("date", "year", order="DESC")}, reverse=True
    )
    year = params.year_from(request, years)
    return render(
        request,
        "customerlog/held_planned.html",
        {
            "year": year,
            "years": years,
            "rows": selectors.held_against_planned(user=request.user, year=year),
        },
    )
