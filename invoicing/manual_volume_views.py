from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ekonomi import access
from ekonomi.periods import Month
from invoicing import manual_volume_services as services
from invoicing.manual_volume_forms import ManualVolumeForm


def _month(data):
    try:
        return Month.parse(data.get("month", ""))
    except ValueError:
        return Month.from_date(timezone.localdate())


def _page(request, form):
    grid = form.grid
    return render(
        request,
        "invoicing/manual_volumes.html",
        {
            "grid": grid,
            "form": form,
            "rows": form.rows(),
            "billed_message": services.billed_message(grid.month) if grid.billed else "",
            "can_write": access.can(request.user, access.VOLUME_WRITE) and not grid.billed,
        },
    )


@access.allow(access.STAFF_READ)
def manual_volumes(request):
    grid = services.manual_volume_grid(month=_month(request.GET))
    return _page(request, ManualVolumeForm(grid=grid))


@require_POST
@access.allow(access.VOLUME_WRITE)
def manual_volumes_save(request):
    month = _month(request.POST)
    grid = services.manual_volume_grid(month=month)
    form = ManualVolumeForm(request.POST, grid=grid)
    if form.is_valid():
        try:
            volume_import = services.manual_volumes_save(
                month=month, values=form.values(), user=request.user
            )
        except services.ManualVolumesRejected as rejected:
            for (customer_id, item_id), message in rejected.errors.items():
                form.add_error(form.name(customer_id, item_id), message)
            form.add_error(None, _("Nothing was saved; correct the marked cells."))
            return _page(request, form)
        except ValidationError as error:
            form.add_error(None, error.messages[0])
            return _page(request, form)
        if volume_import is None:
            messages.info(request, _("Nothing changed."))
        else:
            messages.success(
                request,
                _("Manual volumes for %(month)s saved: %(count)s cells changed.")
                % {"month": month.label, "count": volume_import.rows_added},
            )
    return redirect(f"{reverse('invoicing:manual_volumes')}?month={month}")
