"""Complaints and feedback from customers, and the documents we send back to them.

Returned documents ("bristfälliga underlag") live here beside the complaints, not in the
customer log: both are counted per customer, process, unit and month for the same
compilations and statistics, and both are about quality in the hand-over between the
customer and us (a complaint is the customer's word on our work, a returned document our
word on theirs). Meetings, in contrast, are dialogue, and live in customerlog with the log.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from customers.models import Customer, Process, Unit
from ekonomi import workdays

TEXT_LIMIT = 2000
NOTE_LIMIT = 1000
TEMPLATE_LIMIT = 4000


class Complaint(models.Model):
    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("Complaint")
        SUGGESTION = "suggestion", _("Suggestion")
        PRAISE = "praise", _("Praise")

    class Channel(models.TextChoices):
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("E-mail")
        MEETING = "meeting", _("Meeting")
        FORM = "form", _("Form")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        CLOSED = "closed", _("Closed")

    # The plan asks for answers "as soon as possible"; these are the targets the compilations
    # measure against, in working days after the day it arrived.
    ANSWER_TARGET_DAYS = {Kind.COMPLAINT: 2, Kind.SUGGESTION: 5, Kind.PRAISE: 5}

    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.PROTECT, related_name="complaints"
    )
    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.PROTECT, related_name="complaints"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("handling unit"), on_delete=models.PROTECT, related_name="complaints"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.COMPLAINT)
    channel = models.CharField(
        _("arrived by"), max_length=10, choices=Channel.choices, default=Channel.PHONE
    )
    received_on = models.DateField(_("received"))
    description = models.TextField(_("description"), max_length=TEXT_LIMIT)
    own_error = models.BooleanField(_("our own error"), default=False)
    cause = models.TextField(_("cause"), max_length=TEXT_LIMIT, blank=True)
    action = models.TextField(_("action taken"), max_length=TEXT_LIMIT, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible"),
        on_delete=models.PROTECT,
        related_name="complaints_responsible",
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW
    )
    started_on = models.DateField(_("work started"), null=True, blank=True)
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    answered_on = models.DateField(_("customer answered"), null=True, blank=True)
    answer_due = models.DateField(_("answer due"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("complaint or feedback")
        verbose_name_plural = _("complaints and feedback")
        indexes = [models.Index(fields=["unit", "received_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_on__isnull=False),
                name="complaint_closed_has_date",
            ),
            models.CheckConstraint(
                condition=Q(answered_on__isnull=True) | Q(answered_on__gte=models.F("received_on")),
                name="complaint_answered_after_received",
                violation_error_message=_("The answer cannot be dated before the day it arrived."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.customer.code} {self.received_on.isoformat()}"

    @classmethod
    def due_date(cls, kind, received_on: date) -> date:
        return workdays.add_working_days(received_on, cls.ANSWER_TARGET_DAYS[kind])

    @property
    def is_open(self):
        return self.status != self.Status.CLOSED

    @property
    def answer_days(self) -> int | None:
        """Working days from arrival to the answer, or None while unanswered."""
        if self.answered_on is None:
            return None
        return workdays.working_days_between(self.received_on, self.answered_on)

    def is_overdue(self, on: date) -> bool:
        """Unanswered after its target day has passed."""
        return self.answered_on is None and on > self.answer_due

    @property
    def answered_late(self):
        return self.answered_on is not None and self.answered_on > self.answer_due


class ReturnReason(models.Model):
    """A maintained reason for sending a document back, with the message the customer gets."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("reason"), max_length=100, unique=True)
    template = models.TextField(
        _("message template"),
        max_length=TEMPLATE_LIMIT,
        help_text=_(
            "What is missing and how to send it right. Placeholders: {kund}, {underlag}, "
            "{datum}, {anteckning}, {avsandare}, {enhet}, {telefon}."
        ),
    )
    is_active = models.BooleanField(_("in use"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("return reason")
        verbose_name_plural = _("return reasons")

    def __str__(self):
        return self.name


class ReturnedDocument(models.Model):
    customer = models.ForeignKey(
        Customer,
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="returned_documents",
    )
    process = models.ForeignKey(
        Process, verbose_name=_("process"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="returned_documents"
    )
    returned_on = models.DateField(_("returned"))
    reason = models.ForeignKey(
        ReturnReason, verbose_name=_("reason"), on_delete=models.PROTECT, related_name="documents"
    )
    document = models.CharField(
        _("document"),
        max_length=100,
        blank=True,
        help_text=_("Invoice number, supplier or whatever identifies it for the customer."),
    )
    note = models.TextField(_("note"), max_length=NOTE_LIMIT, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), on_delete=models.PROTECT
    )
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-returned_on", "-pk"]
        verbose_name = _("returned document")
        verbose_name_plural = _("returned documents")
        indexes = [models.Index(fields=["customer", "returned_on"])]

    def __str__(self):
        return f"{self.customer.code} {self.returned_on.isoformat()} {self.reason}"
