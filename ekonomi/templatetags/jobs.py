from django import template

from ekonomi.jobs import selectors

register = template.Library()


@register.inclusion_tag("jobs/_job.html", takes_context=True)
def job_panel(context, job, then="reload"):
    """A job's state, progress and outcome, followed live by static/js/jobs.js.

    `then`: what the page does when the job finishes: "reload" (a domain page that shows the
    result itself) or "result" (go to the job's result link).
    """
    request = context["request"]
    return {
        "job": job,
        "then": then,
        "can_retry": job.is_failed and selectors.may_retry(request.user, job),
        "request": request,
        "csrf_token": context.get("csrf_token"),
    }
