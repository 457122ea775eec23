"""The report archive: every monthly and tertial report produced, with its files, and the
commentary the head of operations writes for a tertial report before it is final.

A report's files are kept in the database rather than in MEDIA_ROOT: the row and its bytes
commit together (a worker killed half-way leaves neither), and workers on several machines
need no shared file system.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from customers.models import Customer
from ekonomi.jobs.models import Job


class Kind(models.TextChoices):
    MONTHLY = "monthly", _("Monthly report")
    TERTIAL = "tertial", _("Tertial report")


class Report(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FINAL = "final", _("Final")

    class Origin(models.TextChoices):
        USER = "user", _("Made by a user")
        NIGHTLY = "nightly", _("Nightly job")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # "2012-03" or "2012-T2": sorts as text in time order within a kind.
    period = models.CharField(_("period"), max_length=7)
    # Empty: the whole report; else the report for one customer's own controller.
    customer = models.ForeignKey(
        Customer,
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    # Finals of one kind, period and scope are numbered 1, 2, …; a draft has none.
    version = models.PositiveSmallIntegerField(_("version"), null=True, blank=True)
    origin = models.CharField(_("made by"), max_length=10, choices=Origin.choices)
    produced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("produced by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    job = models.ForeignKey(
        Job, verbose_name=_("job"), on_delete=models.SET_NULL, null=True, blank=True
    )
    produced_at = models.DateTimeField(_("produced"), auto_now_add=True)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    # What the report says is missing, one sentence a line.
    missing = models.JSONField(_("missing data"), default=list, blank=True)

    class Meta:
        ordering = ["-period", "kind", "customer__code", "-produced_at"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            # The database, not a check before the insert, keeps one draft per period and scope
            # and one report per version number: what makes the nightly job idempotent.
            # The whole report has no customer; 0 stands for it so that NULLs compare equal
            # (nulls_distinct is PostgreSQL's only).
            models.UniqueConstraint(
                "kind",
                "period",
                Coalesce("customer", Value(0)),
                condition=Q(status="draft"),
                name="report_one_draft",
            ),
            models.UniqueConstraint(
                "kind",
                "period",
                Coalesce("customer", Value(0)),
                "version",
                condition=Q(status="final"),
                name="report_one_final_version",
            ),
            models.CheckConstraint(
                condition=(Q(status="final") & Q(version__isnull=False))
                | (Q(status="draft") & Q(version__isnull=True)),
                name="report_final_has_version",
            ),
        ]

    def __str__(self):
        scope = self.customer.code if self.customer_id else _("whole")
        return f"{self.get_kind_display()} {self.period} ({scope}, {self.get_status_display()})"

    @property
    def is_final(self):
        return self.status == self.Status.FINAL


class ReportFile(models.Model):
    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        XLSX = "xlsx", "Excel"

    report = models.ForeignKey(
        Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="files"
    )
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    content = models.BinaryField(_("content"))
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("report file")
        verbose_name_plural = _("report files")
        constraints = [
            models.UniqueConstraint(fields=["report", "format"], name="report_file_one_per_format")
        ]

    def __str__(self):
        return f"{self.report} {self.format}"


class Commentary(models.Model):
    """The head of operations' texts for one tertial report (the whole report only)."""

    SECTIONS = [
        ("summary", _("Summary")),
        ("economy", _("Economy and volumes")),
        ("productivity", _("Productivity and staffing")),
        ("quality", _("Accessibility, complaints and customers")),
        ("staff", _("Staff and work environment")),
    ]

    period = models.CharField(_("tertial"), max_length=7, unique=True)
    summary = models.TextField(_("Summary"), blank=True)
    economy = models.TextField(_("Economy and volumes"), blank=True)
    productivity = models.TextField(_("Productivity and staffing"), blank=True)
    quality = models.TextField(_("Accessibility, complaints and customers"), blank=True)
    staff = models.TextField(_("Staff and work environment"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Set when the head of operations declares the texts done: from then on the report for
    # the tertial is archived as final.
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("tertial commentary")
        verbose_name_plural = _("tertial commentaries")

    def __str__(self):
        return self.period

    def text(self, key):
        return getattr(self, key)
