from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ekonomi import access, lists
from invoicing.prices import selectors, services
from invoicing.prices.filters import PriceItemFilter, PriceListFilter
from invoicing.prices.forms import PriceItemForm, PriceListCopyForm
from invoicing.prices.models import PriceItem
from invoicing.prices.tables import PriceItemTable, PriceListTable


@access.allow(access.READ)
def price_lists(request):
    return lists.table_page(
        request,
        queryset=selectors.price_lists(),
        filterset_class=PriceListFilter,
        table_class=PriceListTable,
        template="invoicing/price_lists.html",
        export_name="prislistor",
        can_write=access.can(request.user, access.PRICE_WRITE),
    )


@access.allow(access.READ)
def price_list(request, year):
    price_list = selectors.price_list_get(year=year)
    can_edit = access.can(request.user, access.PRICE_WRITE) and not price_list.is_locked
    return lists.table_page(
        request,
        queryset=selectors.price_list_items(price_list=price_list),
        filterset_class=PriceItemFilter,
        table_class=partial(PriceItemTable, exclude=() if can_edit else ("edit",)),
        template="invoicing/price_list.html",
        export_name=f"prislista-{price_list.year}",
        price_list=price_list,
        can_edit=can_edit,
        can_copy=access.can(request.user, access.PRICE_WRITE),
    )


def _refused(request, price_list):
    """A locked list answers every edit with its reason, whatever page the request came from."""
    try:
        price_list.ensure_open()
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("invoicing:price_list", year=price_list.year)
    return None


def _item_fields(form):
    return {name: form.cleaned_data[name] for name in PriceItemForm.Meta.fields}


def _save_item(request, form, save):
    if request.method == "POST" and form.is_valid():
        try:
            return save(**_item_fields(form))
        except ValidationError as error:
            form.add_error(None, error)
    return None


@access.allow(access.PRICE_WRITE)
def price_item_create(request, year):
    price_list = selectors.price_list_get(year=year)
    if refused := _refused(request, price_list):
        return refused
    form = PriceItemForm(request.POST or None, instance=PriceItem(price_list=price_list))
    item = _save_item(request, form, partial(services.price_item_create, price_list=price_list))
    if item is not None:
        messages.success(request, _("Price item %(code)s was added.") % {"code": item.code})
        return redirect("invoicing:price_list", year=year)
    return render(
        request, "invoicing/price_item_form.html", {"form": form, "price_list": price_list}
    )


@access.allow(access.PRICE_WRITE)
def price_item_edit(request, year, code):
    price_list = selectors.price_list_get(year=year)
    if refused := _refused(request, price_list):
        return refused
    item = selectors.price_item_get(price_list=price_list, code=code)
    form = PriceItemForm(request.POST or None, instance=item)
    saved = _save_item(request, form, partial(services.price_item_update, item=item))
    if saved is not None:
        messages.success(request, _("Price item %(code)s was saved.") % {"code": saved.code})
        return redirect("invoicing:price_list", year=year)
    return render(
        request,
        "invoicing/price_item_form.html",
        {"form": form, "price_list": price_list, "item": item},
    )


@require_POST
@access.allow(access.PRICE_WRITE)
def price_item_delete(request, year, code):
    price_list = selectors.price_list_get(year=year)
    if refused := _refused(request, price_list):
        return refused
    item = selectors.price_item_get(price_list=price_list, code=code)
    try:
        services.price_item_delete(item=item)
    except ProtectedError:
        messages.error(
            request, _("Price item %(code)s is in use and cannot be deleted.") % {"code": code}
        )
    else:
        messages.success(request, _("Price item %(code)s was deleted.") % {"code": code})
    return redirect("invoicing:price_list", year=year)


@access.allow(access.PRICE_WRITE)
def price_list_copy(request):
    form = PriceListCopyForm(request.POST or None, initial={"source": _latest_year()})
    preview = None
    if request.method == "POST" and form.is_valid():
        source, percent, rounding = (
            form.cleaned_data[name] for name in ("source", "percent", "rounding")
        )
        if request.POST.get("action") == "confirm":
            try:
                created = services.price_list_copy(
                    source=source, percent=percent, rounding=rounding
                )
            except ValidationError as error:
                form.add_error("source", error)
            else:
                messages.success(
                    request,
                    _("The price list for %(year)s was created.") % {"year": created.year},
                )
                return redirect("invoicing:price_list", year=created.year)
        else:
            preview = selectors.price_list_copy_preview(
                source=source, percent=percent, rounding=rounding
            )
    return render(
        request,
        "invoicing/price_list_copy.html",
        {"form": form, "preview": preview, "target_year": _target_year(form)},
    )


def _latest_year():
    latest = selectors.price_lists().order_by("-year").first()
    return latest.year if latest else None


def _target_year(form):
    source = form.cleaned_data.get("source") if form.is_bound and form.is_valid() else None
    return source.year + 1 if source else None
