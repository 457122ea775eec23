from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ekonomi import access, jobs, lists
from ekonomi.periods import Month
from ekonomi.tabular import scaled_note
from ekonomi.tabular.forms import ColumnMappingForm
from ekonomi.uploads import refuse_file, upload_limit, upload_refusal
from invoicing.volumes import manual, mapping, selectors, services, tasks
from invoicing.volumes.files import SCHEMA, column_help
from invoicing.volumes.filters import MonthlyVolumeFilter, VolumeDocumentFilter, VolumeImportFilter
from invoicing.volumes.forms import ManualVolumeForm, VolumeUploadForm
from invoicing.volumes.models import VolumeImport
from invoicing.volumes.tables import MonthlyVolumeTable, VolumeDocumentTable, VolumeImportTable

# Case officers enter and import volumes; unit managers and administrators may too.


@access.allow(access.READ)
def volumes(request):
    return lists.table_page(
        request,
        queryset=selectors.monthly_volumes(user=request.user),
        filterset_class=MonthlyVolumeFilter,
        table_class=MonthlyVolumeTable,
        template="invoicing/volumes.html",
        export_name="volymer",
        can_import=access.can(request.user, access.STAFF_READ),
    )


@access.allow(access.READ)
def volume_documents(request):
    return lists.table_page(
        request,
        queryset=selectors.volume_documents(user=request.user),
        filterset_class=VolumeDocumentFilter,
        table_class=VolumeDocumentTable,
        template="invoicing/volume_documents.html",
        export_name="dokument",
    )


@access.allow(access.STAFF_READ)
def volume_imports(request):
    return lists.table_page(
        request,
        queryset=selectors.volume_imports(),
        filterset_class=VolumeImportFilter,
        table_class=VolumeImportTable,
        template="invoicing/volume_imports.html",
        export_name="volymimporter",
        can_import=access.can(request.user, access.VOLUME_WRITE),
    )


# The limit is enforced while the body streams in (ekonomi/uploads.py); the service checks the
# size again for the command line.
@upload_limit("VOLUME_IMPORT_MAX_BYTES")
@access.allow(access.VOLUME_WRITE)
def volume_import_upload(request):
    bound = request.method == "POST"
    form = VolumeUploadForm(request.POST if bound else None, request.FILES if bound else None)
    if refusal := upload_refusal(request):
        refuse_file(form, refusal)
    elif request.method == "POST" and form.is_valid():
        try:
            volume_import = services.volume_import_upload(
                file=form.cleaned_data["file"], user=request.user
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            if volume_import.status == VolumeImport.Status.PENDING:
                _start(tasks.volume_import_check, volume_import, request.user)
            return redirect("invoicing:volume_import", pk=volume_import.pk)
    return render(
        request, "invoicing/volume_import_upload.html", {"form": form, "columns": column_help()}
    )


@access.allow(access.STAFF_READ)
def volume_import(request, pk):
    volume_import = selectors.volume_import_get(pk=pk)
    return _import_page(request, volume_import, mapping_form=_mapping_form(volume_import))


def _mapping_form(volume_import, data=None):
    sample = mapping.volume_import_sample(volume_import=volume_import)
    if sample is None:
        return None
    return ColumnMappingForm(data, schema=SCHEMA, sample=sample)


def _import_page(request, volume_import, *, mapping_form=None, billed_error=""):
    months = selectors.volume_import_months(volume_import=volume_import)
    billed_new = []
    if volume_import.status == VolumeImport.Status.READY:
        billed_new = services.volume_import_billed_months(volume_import=volume_import)
    return render(
        request,
        "invoicing/volume_import.html",
        {
            "volume_import": volume_import,
            "mapping_form": mapping_form,
            "layout": volume_import.layout,
            "scaled_notes": [
                scaled_note(*column) for column in volume_import.layout.get("scaled", [])
            ],
            "billed_new": billed_new,
            "billed_message": services.billed_message(billed_new) if billed_new else "",
            "billed_error": billed_error,
            "months": months,
            "billed": [row.month for row in months if row.billed],
            "earlier": selectors.volume_import_earlier(volume_import=volume_import),
            "rows_new": volume_import.rows_read - volume_import.rows_skipped,
            "can_write": access.can(request.user, access.VOLUME_WRITE),
            "job": selectors.volume_import_job(volume_import=volume_import),
            "can_undo": selectors.volume_import_may_undo(
                user=request.user, volume_import=volume_import
            ),
            "Status": VolumeImport.Status,
        },
    )


@require_POST
@access.allow(access.VOLUME_WRITE)
def volume_import_map(request, pk):
    volume_import = selectors.volume_import_get(pk=pk)
    form = _mapping_form(volume_import, request.POST)
    if form is None:
        messages.info(request, _("The columns of this file are already known."))
        return redirect("invoicing:volume_import", pk=pk)
    if form.is_valid():
        try:
            volume_import = mapping.volume_import_map(
                volume_import_id=volume_import.pk,
                user=request.user,
                name=form.cleaned_data["name"],
                mapping=form.mapping(),
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(
                request,
                _(
                    "The columns were saved as “%(name)s”; files with the same headings are "
                    "read the same way."
                )
                % {"name": form.cleaned_data["name"]},
            )
            if volume_import.status == VolumeImport.Status.PENDING:
                _start(tasks.volume_import_check, volume_import, request.user)
            return redirect("invoicing:volume_import", pk=pk)
    return _import_page(request, volume_import, mapping_form=form)


def _start(task, volume_import, user):
    # The job's page is this import's page: it shows the job while it runs, then the result.
    jobs.start(
        task,
        user=user,
        params={"volume_import_id": volume_import.pk},
        result_url=reverse("invoicing:volume_import", args=[volume_import.pk]),
    )


def _act(request, pk, action, done):
    try:
        action(volume_import_id=selectors.volume_import_get(pk=pk).pk)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        if done:
            messages.success(request, done)
    return redirect("invoicing:volume_import", pk=pk)


@require_POST
@access.allow(access.VOLUME_WRITE)
def volume_import_confirm(request, pk):
    volume_import = selectors.volume_import_get(pk=pk)
    try:
        services.volume_import_confirm(
            volume_import_id=volume_import.pk,
            billed_confirmed=request.POST.get("billed_confirmed") == "1",
        )
    except ValidationError as error:
        if volume_import.status == VolumeImport.Status.READY:
            return _import_page(request, volume_import, billed_error=error.messages[0])
        messages.error(request, error.messages[0])
    else:
        _start(tasks.volume_import_run, volume_import, request.user)
    return redirect("invoicing:volume_import", pk=pk)


@require_POST
@access.allow(access.VOLUME_WRITE)
def volume_import_undo(request, pk):
    return _act(
        request,
        pk,
        partial(services.volume_import_undo, user=request.user),
        _("The import was undone; its volumes have been removed."),
    )


@require_POST
@access.allow(access.VOLUME_WRITE)
def volume_import_discard(request, pk):
    volume_import = selectors.volume_import_get(pk=pk)
    job = selectors.volume_import_job(volume_import=volume_import)
    try:
        services.volume_import_discard(
            volume_import_id=pk, busy=job is not None and not job.is_finished
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("invoicing:volume_import", pk=pk)
    messages.success(request, _("The file was removed without being imported."))
    return redirect("invoicing:volume_imports")


# Manual volumes: a month grid of counts per customer and price item.


def _grid_month(data):
    try:
        return Month.parse(data.get("month", ""))
    except ValueError:
        return Month.from_date(timezone.localdate())


def _manual_page(request, form):
    grid = form.grid
    return render(
        request,
        "invoicing/manual_volumes.html",
        {
            "grid": grid,
            "form": form,
            "rows": form.rows(),
            "billed_message": manual.billed_message(grid.month) if grid.billed else "",
            "can_write": access.can(request.user, access.VOLUME_WRITE) and not grid.billed,
        },
    )


@access.allow(access.STAFF_READ)
def manual_volumes(request):
    grid = manual.manual_volume_grid(month=_grid_month(request.GET))
    return _manual_page(request, ManualVolumeForm(grid=grid))


@require_POST
@access.allow(access.VOLUME_WRITE)
def manual_volumes_save(request):
    month = _grid_month(request.POST)
    grid = manual.manual_volume_grid(month=month)
    form = ManualVolumeForm(request.POST, grid=grid)
    if form.is_valid():
        try:
            volume_import = manual.manual_volumes_save(
                month=month, values=form.values(), user=request.user
            )
        except manual.ManualVolumesRejected as rejected:
            for (customer_id, item_id), message in rejected.errors.items():
                form.add_error(form.name(customer_id, item_id), message)
            form.add_error(None, _("Nothing was saved; correct the marked cells."))
            return _manual_page(request, form)
        except ValidationError as error:
            form.add_error(None, error.messages[0])
            return _manual_page(request, form)
        if volume_import is None:
            messages.info(request, _("Nothing changed."))
        else:
            messages.success(
                request,
                _("Manual volumes for %(month)s saved: %(count)s cells changed.")
                % {"month": month.label, "count": volume_import.rows_added},
            )
    return redirect(f"{reverse('invoicing:manual_volumes')}?month={month}")
