from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ekonomi import access
from ekonomi.params import year_from
from indicators.exporting import wants_xlsx, xlsx_response
from indicators.surveys import selectors, services
from indicators.surveys.forms import EmployeeSurveyForm, SurveyResultForm
from indicators.surveys.models import CustomerSurveyResult, EmployeeSurvey


@access.allow(access.INDICATORS_READ)
def surveys(request):
    year = year_from(request, selectors.survey_years())
    questions = selectors.survey_questions(year=year)
    if wants_xlsx(request):
        headers = [
            _("Question"),
            _("Satisfied (%)"),
            _("Number of answers"),
            _("Satisfied %(year)s (%%)") % {"year": year - 1},
            _("Number of answers %(year)s") % {"year": year - 1},
        ]
        rows = [
            [
                row.question,
                row.satisfied,
                row.answers,
                last.satisfied if last else None,
                last.answers if last else None,
            ]
            for row, last in questions
        ]
        return xlsx_response(f"kundenkat-{year}", headers, rows)
    return render(
        request,
        "indicators/surveys.html",
        {
            "year": year,
            "years": selectors.survey_years(),
            "questions": questions,
            "employee_surveys": selectors.employee_surveys(),
            "can_write": access.can(request.user, access.SURVEY_WRITE),
        },
    )


def _survey_url(year):
    return f"{reverse('indicators:surveys')}?ar={year}"


def _result_page(request, result):
    initial = (
        {name: getattr(result, name) for name in SurveyResultForm.base_fields} if result else {}
    )
    form = SurveyResultForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.survey_result_save(result=result, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The survey result was saved."))
            return redirect(_survey_url(saved.year))
    return render(request, "indicators/survey_form.html", {"form": form, "result": result})


@access.allow(access.SURVEY_WRITE)
def survey_result_create(request):
    return _result_page(request, None)


@access.allow(access.SURVEY_WRITE)
def survey_result_edit(request, pk):
    return _result_page(request, get_object_or_404(CustomerSurveyResult, pk=pk))


@access.allow(access.SURVEY_WRITE)
def employee_survey_edit(request, year):
    survey = EmployeeSurvey.objects.filter(year=year).first()
    initial = {"nmi": survey.nmi, "answers": survey.answers} if survey else {}
    form = EmployeeSurveyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.employee_survey_save(year=year, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("NMI %(year)s was saved.") % {"year": year})
            return redirect(_survey_url(year))
    return render(request, "indicators/nmi_form.html", {"form": form, "year": year})
