from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from customers.models import Unit
from ekonomi import access, history, jobs, lists
from ekonomi.params import tertial_or_404, year_from
from ekonomi.periods import Tertial
from indicators.assessment import selectors, services, tasks
from indicators.assessment.filters import ActionFilter
from indicators.assessment.forms import (
    ActionForm,
    AnswerForm,
    AreaSummaryForm,
    CommitmentForm,
    ReopenForm,
)
from indicators.assessment.models import (
    AreaSummary,
    Commitment,
    PrioritisedAction,
    QualityArea,
)
from indicators.assessment.tables import ActionTable, LeadActionTable


def _default_tertial() -> Tertial:
    today = timezone.localdate()
    years = selectors.commitment_years()
    if not years or today.year in years:
        return Tertial.from_date(today)
    past = [y for y in years if y < today.year]
    return Tertial(past[0], 3) if past else Tertial(years[-1], 1)


def _can_lead(user):
    return access.can(user, access.ASSESSMENT_LEAD)


# --- commitments ---------------------------------------------------------------------------


@access.allow(access.INDICATORS_READ)
def commitments(request):
    years = selectors.commitment_years()
    year = year_from(request, years)
    return render(
        request,
        "indicators/assessment/commitments.html",
        {
            "year": year,
            "years": years,
            "areas": selectors.commitments_by_area(year=year),
            "can_write": access.can(request.user, access.COMMITMENT_WRITE),
            "next_exists": Commitment.objects.filter(year=year + 1).exists(),
        },
    )


def _commitment_form(request, *, year, commitment=None):
    initial = CommitmentForm.initial_for(commitment) if commitment else {}
    if commitment is None and request.GET.get("omrade") in QualityArea.values:
        initial["area"] = request.GET["omrade"]
    form = CommitmentForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.commitment_save(
                commitment=commitment,
                year=year,
                area=form.cleaned_data["area"],
                text=form.cleaned_data["text"],
                measures=form.ties(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The commitment was saved."))
            return redirect(f"{reverse('indicators:commitments')}?ar={year}")
    return render(
        request,
        "indicators/assessment/commitment_form.html",
        {"form": form, "year": year, "commitment": commitment},
    )


@access.allow(access.COMMITMENT_WRITE)
def commitment_create(request):
    return _commitment_form(request, year=year_from(request, selectors.commitment_years()))


@access.allow(access.COMMITMENT_WRITE)
def commitment_edit(request, pk):
    commitment = get_object_or_404(Commitment, pk=pk)
    return _commitment_form(request, year=commitment.year, commitment=commitment)


@require_POST
@access.allow(access.COMMITMENT_WRITE)
def commitment_delete(request, pk):
    commitment = get_object_or_404(Commitment, pk=pk)
    try:
        services.commitment_delete(commitment=commitment)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The commitment was deleted."))
    return redirect(f"{reverse('indicators:commitments')}?ar={commitment.year}")


@require_POST
@access.allow(access.COMMITMENT_WRITE)
def commitments_copy(request, year):
    # Checked here as well as in the service, so that an obvious refusal needs no job.
    if Commitment.objects.filter(year=year + 1).exists():
        messages.error(request, _("Commitments for %(year)s already exist.") % {"year": year + 1})
        return redirect(f"{reverse('indicators:commitments')}?ar={year}")
    job = jobs.start(
        tasks.commitments_copy_to_next_year,
        user=request.user,
        params={"year": year},
        unique_key=f"commitments-next-year-{year}",
    )
    return jobs.follow(job)


# --- self-assessment -----------------------------------------------------------------------


@access.allow(access.INDICATORS_READ)
def assessments(request):
    text = request.GET.get("tertial")
    tertial = tertial_or_404(text) if text else _default_tertial()
    return render(
        request,
        "indicators/assessment/index.html",
        {
            "tertial": tertial,
            "previous": tertial.previous(),
            "next": tertial.next(),
            "overview": selectors.tertial_overview(tertial=tertial),
            "own_unit": request.user.unit
            if access.can(request.user, access.ASSESSMENT_WRITE)
            else None,
            "can_lead": _can_lead(request.user),
        },
    )


@access.allow(access.INDICATORS_READ)
def assessment(request, tertial, code):
    tertial = tertial_or_404(tertial)
    unit = get_object_or_404(Unit, code=code)
    current = selectors.assessment_for(unit=unit, tertial=tertial)
    writable = services.can_assess(request.user, unit) and not (current and current.is_submitted)
    if request.method == "POST" and not writable:
        # Another unit's manager, a reader, or a submitted assessment: nothing is saved.
        if not services.can_assess(request.user, unit):
            raise PermissionDenied
        messages.error(
            request, _("The assessment has been submitted and can no longer be changed.")
        )
        return redirect("indicators:assessment", tertial=str(tertial), code=unit.code)
    by_area = selectors.commitments_by_area(year=tertial.year)
    commitments_list = [c for _area, rows in by_area for c in rows]
    answers = selectors.answers_of(current)
    figures = selectors.measure_figures(
        commitments=commitments_list, tertial=tertial, unit_ids=[unit.pk]
    )
    data = request.POST if request.method == "POST" else None
    forms = {
        c.pk: AnswerForm(
            data,
            prefix=f"c{c.pk}",
            initial={
                "grade": answers[c.pk].grade,
                "comment": answers[c.pk].comment,
                "proposed_actions": answers[c.pk].proposed_actions,
            }
            if c.pk in answers
            else {},
        )
        for c in commitments_list
    }
    if request.method == "POST" and all(f.is_valid() for f in forms.values()):
        try:
            saved = services.assessment_save(
                user=request.user,
                unit=unit,
                tertial=tertial,
                answers=[services.Answer(pk, **form.cleaned_data) for pk, form in forms.items()],
            )
            if "submit" in request.POST:
                services.assessment_submit(user=request.user, assessment=saved)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            # What was saved stays saved; the page shows it with the reason it was not sent.
            return redirect("indicators:assessment", tertial=str(tertial), code=unit.code)
        if "submit" in request.POST:
            messages.success(request, _("The assessment was submitted."))
        else:
            messages.success(request, _("The assessment was saved as a draft."))
        return redirect("indicators:assessment", tertial=str(tertial), code=unit.code)
    sections = [
        (
            area,
            [(c, forms[c.pk], answers.get(c.pk), figures[(c.pk, unit.pk)]) for c in rows],
        )
        for area, rows in by_area
        if rows
    ]
    return render(
        request,
        "indicators/assessment/assessment.html",
        {
            "tertial": tertial,
            "unit": unit,
            "assessment": current,
            "sections": sections,
            "writable": writable,
            "carried": [
                selectors.ActionRow.of(a) for a in selectors.carried_actions(tertial=tertial)
            ],
            "reopenings": current.reopenings.select_related("reopened_by") if current else [],
            "can_reopen": _can_lead(request.user) and current and current.is_submitted,
            "history_url": history.history_url(current)
            if current and access.can(request.user, access.HISTORY)
            else "",
        },
    )


@access.allow(access.ASSESSMENT_LEAD)
def assessment_reopen(request, tertial, code):
    tertial = tertial_or_404(tertial)
    unit = get_object_or_404(Unit, code=code)
    current = selectors.assessment_for(unit=unit, tertial=tertial)
    if current is None:
        raise Http404
    if not current.is_submitted:
        messages.info(request, _("The assessment is not submitted."))
        return redirect("indicators:assessment", tertial=str(tertial), code=unit.code)
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_reopen(
                user=request.user, assessment=current, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The assessment was reopened."))
            return redirect("indicators:assessment", tertial=str(tertial), code=unit.code)
    return render(
        request,
        "indicators/assessment/reopen.html",
        {"form": form, "tertial": tertial, "unit": unit, "assessment": current},
    )


@access.allow(access.INDICATORS_READ)
def assessment_compilation(request, tertial):
    tertial = tertial_or_404(tertial)
    return render(
        request,
        "indicators/assessment/compilation.html",
        {
            "tertial": tertial,
            "compilation": selectors.tertial_compilation(tertial=tertial),
            "can_lead": _can_lead(request.user),
        },
    )


def _area_or_404(area):
    if area not in QualityArea.values:
        raise Http404
    return QualityArea(area)


def _compilation_url(tertial, area=None):
    url = reverse("indicators:assessment_compilation", kwargs={"tertial": str(tertial)})
    return f"{url}#omrade-{area}" if area else url


@access.allow(access.ASSESSMENT_LEAD)
def area_summary_edit(request, tertial, area):
    tertial = tertial_or_404(tertial)
    area = _area_or_404(area)
    current = AreaSummary.objects.filter(
        year=tertial.year, number=tertial.number, area=area
    ).first()
    form = AreaSummaryForm(request.POST or None, initial={"text": current.text if current else ""})
    if request.method == "POST" and form.is_valid():
        services.area_summary_save(tertial=tertial, area=area, text=form.cleaned_data["text"])
        messages.success(request, _("The summary was saved."))
        return redirect(_compilation_url(tertial, area.value))
    return render(
        request,
        "indicators/assessment/summary_form.html",
        {"form": form, "tertial": tertial, "area": area},
    )


@access.allow(access.INDICATORS_READ)
def actions(request):
    return lists.table_page(
        request,
        queryset=selectors.actions(),
        filterset_class=ActionFilter,
        table_class=LeadActionTable if _can_lead(request.user) else ActionTable,
        template="indicators/assessment/actions.html",
        export_name="prioriterade-atgarder",
        can_lead=_can_lead(request.user),
    )


def _action_form(request, *, tertial, action=None):
    if action:
        initial = {f: getattr(action, f) for f in ("area", "text", "owner", "due", "status")}
    else:
        area = request.GET.get("omrade")
        initial = {"area": area} if area in QualityArea.values else {}
    form = ActionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.action_save(action=action, tertial=tertial, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The action was saved."))
            return redirect(_compilation_url(saved.tertial, saved.area))
    return render(
        request,
        "indicators/assessment/action_form.html",
        {"form": form, "tertial": tertial, "action": action},
    )


@access.allow(access.ASSESSMENT_LEAD)
def action_create(request, tertial):
    return _action_form(request, tertial=tertial_or_404(tertial))


@access.allow(access.ASSESSMENT_LEAD)
def action_edit(request, pk):
    action = get_object_or_404(PrioritisedAction, pk=pk)
    return _action_form(request, tertial=action.tertial, action=action)
