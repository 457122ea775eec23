"""Background jobs: one record, one progress page and one way to define and start a job.

    from ekonomi import jobs

    @jobs.job("reports.monthly_pdf", label=_("Making the monthly report"), rule=access.READ)
    def monthly_pdf(job, *, month): ...                      # in <app>/tasks.py

    job = jobs.start(monthly_pdf, user=request.user, params={"month": "2012-03"})
    return jobs.follow(job)                                  # in the view

See runner.py (defining a kind), services.py (the life cycle) and templates/jobs/_job.html.
"""

from ekonomi.jobs.registry import Result
from ekonomi.jobs.runner import job
from ekonomi.jobs.services import job_retry, start, sweep
from ekonomi.jobs.views import follow

__all__ = ["Result", "follow", "job", "job_retry", "start", "sweep"]
