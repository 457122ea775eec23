import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ekonomi import access
from ekonomi.jobs import selectors, services

access_log = logging.getLogger("ekonomi.access")


def follow(job):
    """Where a view sends the user after starting a job: to the result if the job is already
    done (without a broker it ran at commit), else to the job's page, which follows it."""
    if job.is_done and job.result_url:
        return redirect(job.result_url)
    return redirect(job)


def _followed(request, pk):
    job = selectors.job_for_user(user=request.user, pk=pk)
    # A followed job whose worker was lost recovers now rather than at the next sweep.
    if services.sweep(job_id=job.pk):
        job.refresh_from_db()
    return job


# Who may see a job is decided per job (selectors.visible_jobs); the rule only asks for a login.
@access.allow(access.JOBS)
def job_detail(request, pk):
    return render(request, "jobs/job.html", {"job": _followed(request, pk)})


@access.allow(access.JOBS)
def job_status(request, pk):
    return JsonResponse(selectors.job_status(_followed(request, pk)))


@require_POST
@access.allow(access.JOBS)
def job_retry(request, pk):
    job = selectors.job_for_user(user=request.user, pk=pk)
    if not selectors.may_retry(request.user, job):
        access_log.warning("retry denied: user=%s job=%s", request.user.get_username(), pk)
        raise PermissionDenied
    try:
        job = services.job_retry(job=job, user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    # Back to the page that showed the job (a domain page may include it), if it is ours.
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect(job)
