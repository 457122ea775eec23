import logging

from django.db.models import Q
from django.http import Http404

from ekonomi import access
from ekonomi.jobs import registry
from ekonomi.jobs.models import Job

access_log = logging.getLogger("ekonomi.access")


def visible_jobs(user):
    """The starter sees a job, and so do the roles its kind's rule admits; a controller bound
    to a customer sees only the jobs they started, whatever the kind."""
    jobs = Job.objects.select_related("created_by")
    if access.bound_customer_id(user) is not None:
        return jobs.filter(created_by=user)
    admitted = [kind.name for kind in registry.kinds() if kind.rule.permits(user)]
    return jobs.filter(Q(created_by=user) | Q(kind__in=admitted))


def job_for_user(*, user, pk) -> Job:
    """The job, or 404 (not 403) when the user may not see it, so that ids reveal nothing."""
    try:
        return visible_jobs(user).get(pk=pk)
    except Job.DoesNotExist:
        if Job.objects.filter(pk=pk).exists():
            access_log.warning("out-of-sight job: user=%s job=%s", user.get_username(), pk)
        raise Http404 from None


def may_retry(user, job) -> bool:
    """For a job the user can see: retrying runs the kind's work again, so the kind's rule must
    admit the user now (a starter whose role has changed may no longer)."""
    kind = registry.find(job.kind)
    return kind is not None and kind.rule.permits(user)


def job_status(job) -> dict:
    """The status endpoint's answer, which static/js/jobs.js follows."""
    return {
        "id": job.pk,
        "kind": job.kind,
        "label": str(job.label),
        "state": job.state,
        "state_label": str(job.get_state_display()),
        "progress": job.progress,
        "message": job.message,
        "attempt": job.attempt,
        "finished": job.is_finished,
        "result_url": job.result_url if job.is_done else "",
    }
