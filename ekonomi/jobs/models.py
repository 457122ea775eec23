from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ekonomi.jobs import registry


class Job(models.Model):
    """One piece of background work a user started, followed on its page until it is done.

    The life cycle is kept by ekonomi/jobs/services.py: queued -> running -> done or failed; a
    running job whose worker is lost, or that met a transient error, is queued again as a new
    attempt. `attempt` fences the queue: a message carries the attempt it was sent for, and
    only that attempt may claim, stamp or finish the job.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("In progress")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    ACTIVE = (State.QUEUED, State.RUNNING)

    kind = models.CharField(_("kind"), max_length=100)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    # What the user reads: a progress note, the result in a sentence or the reason it failed.
    message = models.CharField(_("message"), max_length=1000, blank=True)
    # Ids and plain values only: the job reads the current records when it runs.
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    result_url = models.CharField(_("link to the result"), max_length=500, blank=True)
    # Jobs that must never run twice at once share a key; see the constraint below.
    unique_key = models.CharField(_("uniqueness key"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.PROTECT,
        related_name="jobs",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    attempt = models.PositiveSmallIntegerField(_("attempt"), default=1)
    # Automatic retries (lost worker, transient error) since a user last started the job.
    retries = models.PositiveSmallIntegerField(_("automatic retries"), default=0)
    # For the log and the admin; users read `message`.
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        constraints = [
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="job_progress_max"),
            # The database, not a check before the insert, keeps two requests from starting
            # the same job at once.
            models.UniqueConstraint(
                fields=["unique_key"],
                condition=models.Q(state__in=["queued", "running"]) & ~models.Q(unique_key=""),
                name="job_one_active_per_key",
            ),
        ]
        indexes = [
            # The sweeper's question: which running jobs have gone quiet?
            models.Index(
                fields=["heartbeat_at"],
                condition=models.Q(state="running"),
                name="job_running_heartbeat",
            ),
        ]

    def __str__(self):
        return f"{self.kind} #{self.pk} ({self.state}, attempt {self.attempt})"

    def get_absolute_url(self):
        return reverse("jobs:job", args=[self.pk])

    @property
    def label(self):
        kind = registry.find(self.kind)
        return kind.label if kind else self.kind

    @property
    def is_done(self):
        return self.state == self.State.DONE

    @property
    def is_failed(self):
        return self.state == self.State.FAILED

    @property
    def is_finished(self):
        return self.state in (self.State.DONE, self.State.FAILED)
