"""The customer log and customer meetings: the daily dialogue with each customer.

Meetings live here with the log, not with complaints: a meeting is dialogue (the log's
"meeting" entries are its short form), its minutes are searched with the log, and its
actions are followed up in the same "Mina uppföljningar" list as the log's follow-ups.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from customers.models import Customer

SUBJECT_LIMIT = 200
TEXT_LIMIT = 4000
MINUTES_LIMIT = 10000
ACTION_LIMIT = 500


class LogEntry(models.Model):
    class Kind(models.TextChoices):
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("E-mail")
        MEETING = "meeting", _("Meeting")
        EVENT = "event", _("Event")
        INFORMATION = "information", _("Information")

    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.PROTECT, related_name="log_entries"
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.PHONE)
    subject = models.CharField(_("subject"), max_length=SUBJECT_LIMIT)
    text = models.TextField(_("text"), max_length=TEXT_LIMIT, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="log_entries",
    )
    internal = models.BooleanField(
        _("internal"),
        default=False,
        help_text=_("Internal entries are never shown to the customer's own controller."),
    )
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    follow_up_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("follow-up owner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="log_follow_ups",
    )
    follow_up_done_on = models.DateField(_("followed up"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("log entry")
        verbose_name_plural = _("log entries")
        indexes = [
            models.Index(fields=["customer", "date"]),
            models.Index(fields=["follow_up_owner", "follow_up_done_on", "follow_up_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(follow_up_on__isnull=True) | Q(follow_up_on__gte=models.F("date")),
                name="log_follow_up_not_before_entry",
                violation_error_message=_("The follow-up date cannot be before the entry date."),
            ),
            models.CheckConstraint(
                condition=Q(follow_up_on__isnull=True) | Q(follow_up_owner__isnull=False),
                name="log_follow_up_has_owner",
                violation_error_message=_("A follow-up needs an owner."),
            ),
        ]

    def __str__(self):
        return f"{self.customer.code} {self.date.isoformat()} {self.subject}"


class Meeting(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    class Topic(models.TextChoices):
        AGREEMENT = "agreement", _("Agreement follow-up")
        DELIVERIES = "deliveries", _("Deliveries and quality")
        SURVEY = "survey", _("Survey results")
        IMPROVEMENTS = "improvements", _("Improvements")

    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.PROTECT, related_name="meetings"
    )
    date = models.DateField(_("date"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    place = models.CharField(_("place"), max_length=150, blank=True)
    participants = models.TextField(_("participants"), max_length=TEXT_LIMIT, blank=True)
    # A list of Topic values: a JSON list works alike on SQLite and PostgreSQL.
    agenda = models.JSONField(_("agenda"), default=list, blank=True)
    other_agenda = models.CharField(_("other agenda items"), max_length=SUBJECT_LIMIT, blank=True)
    minutes = models.TextField(_("minutes"), max_length=MINUTES_LIMIT, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("customer meeting")
        verbose_name_plural = _("customer meetings")
        indexes = [models.Index(fields=["customer", "date"])]

    def __str__(self):
        return f"{self.customer.code} {self.date.isoformat()}"

    def agenda_labels(self):
        labels = [self.Topic(value).label for value in self.agenda if value in self.Topic.values]
        return [*labels, self.other_agenda] if self.other_agenda else labels


class MeetingAction(models.Model):
    """An action agreed at a meeting; it stays open until someone closes it."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="actions"
    )
    description = models.CharField(_("action"), max_length=ACTION_LIMIT)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="meeting_actions",
    )
    due_on = models.DateField(_("due"))
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("meeting action")
        verbose_name_plural = _("meeting actions")

    def __str__(self):
        return self.description


class MeetingPlan(models.Model):
    """How many meetings are planned with a customer in a year, to hold the held ones against."""

    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    planned = models.PositiveSmallIntegerField(_("planned meetings"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["customer__code", "year"]
        verbose_name = _("meeting plan")
        verbose_name_plural = _("meeting plans")
        constraints = [
            models.UniqueConstraint(fields=["customer", "year"], name="meeting_plan_once")
        ]

    def __str__(self):
        return f"{self.customer.code} {self.year}: {self.planned}"
