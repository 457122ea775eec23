from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ekonomi import access
from ekonomi.params import year_from
from indicators.definitions import DEFINITIONS, Indicator
from indicators.targets import selectors, services
from indicators.targets.forms import TargetForm


@access.allow(access.INDICATORS_READ)
def targets(request):
    year = year_from(request, selectors.target_years())
    return render(
        request,
        "indicators/targets.html",
        {
            "year": year,
            "years": selectors.target_years(),
            "rows": [
                (indicator, DEFINITIONS[indicator], target)
                for indicator, target in selectors.targets_of_year(year=year)
            ],
            "can_write": access.can(request.user, access.TARGET_WRITE),
        },
    )


@access.allow(access.TARGET_WRITE)
def target_edit(request, year, indicator):
    if indicator not in Indicator.values:
        raise Http404
    indicator = Indicator(indicator)
    current = dict(selectors.targets_of_year(year=year))[indicator]
    initial = {"direction": current.direction, "value": current.value} if current else {}
    form = TargetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.target_save(indicator=indicator, year=year, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The target was saved."))
            return redirect(f"{reverse('indicators:targets')}?ar={year}")
    return render(
        request,
        "indicators/target_form.html",
        {"form": form, "year": year, "indicator": indicator},
    )


@require_POST
@access.allow(access.TARGET_WRITE)
def targets_copy(request, year):
    try:
        services.targets_copy(year=year)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(f"{reverse('indicators:targets')}?ar={year}")
    messages.success(request, _("The targets for %(year)s were created.") % {"year": year + 1})
    return redirect(f"{reverse('indicators:targets')}?ar={year + 1}")
