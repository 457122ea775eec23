import logging

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ekonomi import access, history, logins
from ekonomi.forms import HistoryFilterForm, RecentChangesFilterForm
from ekonomi.panels import start_page

security_log = logging.getLogger("ekonomi.security")


@access.allow(access.READ)
def home(request):
    return render(request, "home.html", {"panels": start_page.render(request)})


login = access.public(auth_views.LoginView.as_view(redirect_authenticated_user=True))
logout = access.public(auth_views.LogoutView.as_view())
password_change = access.allow(access.READ)(
    auth_views.PasswordChangeView.as_view(success_url=reverse_lazy("password_change_done"))
)
password_change_done = access.allow(access.READ)(auth_views.PasswordChangeDoneView.as_view())


@access.public
def error_400(request, exception=None):
    return render(request, "400.html", status=400)


@access.public
def error_403(request, exception=None):
    return render(request, "403.html", status=403)


@access.public
def csrf_failure(request, reason=""):
    # Django's own page is English and styled inline, which the CSP refuses.
    security_log.warning("csrf failure: path=%s reason=%s", request.path, reason)
    return render(request, "403_csrf.html", status=403)


@access.public
def error_404(request, exception=None):
    return render(request, "404.html", status=404)


@access.public
def error_500(request):
    return render(request, "500.html", status=500)


@access.allow(access.HISTORY)
def record_history(request, model, pk):
    model_class = history.tracked_model(model)
    instance = history.tracked_instance(model_class, pk)
    form = HistoryFilterForm(request.GET or None)
    return render(
        request,
        "history.html",
        {
            "instance": instance,
            "model_name": model_class._meta.verbose_name,
            "form": form,
            "versions": history.record_versions(instance, **form.filters()),
        },
    )


@access.allow(access.HISTORY)
def recent_changes(request):
    form = RecentChangesFilterForm(request.GET or None, models=history.tracked_models())
    page = history.recent_changes(page=request.GET.get("page"), **form.filters())
    return render(request, "recent_changes.html", {"form": form, "page": page})


@access.allow(access.LOCKOUTS)
def lockouts(request):
    return render(request, "lockouts.html", {"lockouts": logins.lockouts()})


@require_POST
@access.allow(access.LOCKOUTS)
def lockout_lift(request):
    username = request.POST.get("username", "")
    address = request.POST.get("address", "")
    if address:
        logins.lockout_lift(username=username, address=address, user=request.user)
        messages.success(
            request,
            _("The lockout of %(who)s was lifted.")
            % {"who": f"{username} ({address})" if username else address},
        )
    return redirect("lockouts")
