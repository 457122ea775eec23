from django import forms
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints.compilation import files, selectors
from complaints.compilation.sections import area_tertial_sections, unit_month_sections
from complaints.filters import PeriodField
from complaints.models import Complaint
from customers.models import Unit
from ekonomi import access, downloads
from ekonomi.forms import MonthField
from ekonomi.periods import Month, Tertial


class UnitMonthForm(forms.Form):
    unit = forms.ModelChoiceField(label=gettext_lazy("Unit"), queryset=Unit.objects.all())
    month = MonthField(label=gettext_lazy("Month (YYYY-MM)"))


class TertialForm(forms.Form):
    tertial = PeriodField(label=gettext_lazy("Tertial (2012-T2)"))

    def clean_tertial(self):
        value = self.cleaned_data["tertial"]
        if not isinstance(value, Tertial):
            raise forms.ValidationError(_("Write a tertial like 2012-T2."))
        return value


def _latest_day():
    """Where the compilations open: the newest arrival, so the demo year shows at once."""
    latest = Complaint.objects.order_by("-received_on").values_list("received_on", flat=True)
    return latest.first() or timezone.localdate()


def _file(request, *, title, subtitle, sections, name):
    fmt = request.GET.get("format")
    if fmt == "pdf":
        content = files.compilation_pdf(title=title, subtitle=subtitle, sections=sections)
        return downloads.file_response(content, filename=f"{name}.pdf", content_type=downloads.PDF)
    if fmt == "xlsx":
        content = files.compilation_xlsx(title=title, sections=sections)
        return downloads.file_response(
            content, filename=f"{name}.xlsx", content_type=downloads.XLSX
        )
    return None


@access.allow(access.COMPLAINT_REPORTS)
def unit_month(request):
    initial = {
        "unit": request.user.unit or Unit.objects.first(),
        "month": str(Month.from_date(_latest_day())),
    }
    form = UnitMonthForm(request.GET if "month" in request.GET else None, initial=initial)
    context = {"form": form}
    if form.is_bound and not form.is_valid():
        return render(request, "complaints/compilation.html", context)
    unit = form.cleaned_data["unit"] if form.is_bound else initial["unit"]
    month = form.cleaned_data["month"] if form.is_bound else Month.parse(initial["month"])
    compilation = selectors.unit_month(unit=unit, month=month, today=timezone.localdate())
    title = _("Complaints and feedback, %(unit)s, %(month)s") % {
        "unit": unit.name,
        "month": month.label,
    }
    sections = unit_month_sections(compilation)
    response = _file(
        request,
        title=title,
        subtitle=_("For the monthly unit meeting"),
        sections=sections,
        name=f"klagomal-{slugify(unit.code)}-{month}",
    )
    return response or render(
        request,
        "complaints/compilation.html",
        {**context, "title": title, "sections": sections, "query": f"unit={unit.pk}&month={month}"},
    )


@access.allow(access.COMPLAINT_REPORTS)
def area_tertial(request):
    initial = {"tertial": str(Tertial.from_date(_latest_day()))}
    form = TertialForm(request.GET if "tertial" in request.GET else None, initial=initial)
    context = {"form": form, "is_tertial": True}
    if form.is_bound and not form.is_valid():
        return render(request, "complaints/compilation.html", context)
    tertial = form.cleaned_data["tertial"] if form.is_bound else Tertial.parse(initial["tertial"])
    compilation = selectors.area_tertial(tertial=tertial, today=timezone.localdate())
    title = _("Complaints and feedback, the whole area, %(tertial)s") % {"tertial": tertial.label}
    sections = area_tertial_sections(compilation)
    response = _file(
        request,
        title=title,
        subtitle=_("Counts per customer and process, the basis for the process groups' priorities"),
        sections=sections,
        name=f"klagomal-{tertial}",
    )
    return response or render(
        request,
        "complaints/compilation.html",
        {**context, "title": title, "sections": sections, "query": f"tertial={tertial}"},
    )
