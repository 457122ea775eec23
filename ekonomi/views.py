from django.contrib.auth import views as auth_views
from django.shortcuts import get_object_or_404, render
from django.urls import reverse_lazy

from ekonomi import access, history
from ekonomi.panels import start_page


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
def error_403(request, exception=None):
    return render(request, "403.html", status=403)


@access.public
def error_404(request, exception=None):
    return render(request, "404.html", status=404)


@access.public
def error_500(request):
    return render(request, "500.html", status=500)


@access.allow(access.HISTORY)
def record_history(request, model, pk):
    model_class = history.tracked_model(model)
    instance = get_object_or_404(model_class, pk=pk)
    return render(
        request,
        "history.html",
        {
            "instance": instance,
            "model_name": model_class._meta.verbose_name,
            "versions": history.record_versions(instance),
        },
    )
