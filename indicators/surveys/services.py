from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from indicators.surveys.models import CustomerSurveyResult, EmployeeSurvey

COUNT_MISSING = _("A share of satisfied customers needs the number of answers it is based on.")


@transaction.atomic
def survey_result_save(
    *,
    result: CustomerSurveyResult | None = None,
    year,
    question,
    position,
    satisfied,
    answers,
    is_overall,
) -> CustomerSurveyResult:
    if satisfied is not None and not answers:
        raise ValidationError({"answers": COUNT_MISSING})
    result = result or CustomerSurveyResult()
    result.year, result.question, result.position = year, question.strip(), position
    result.satisfied, result.answers, result.is_overall = satisfied, answers, is_overall
    result.full_clean()
    result.save()
    return result


@transaction.atomic
def employee_survey_save(*, year, nmi, answers) -> EmployeeSurvey:
    survey = EmployeeSurvey.objects.filter(year=year).first() or EmployeeSurvey(year=year)
    survey.nmi, survey.answers = nmi, answers
    survey.full_clean()
    survey.save()
    return survey
