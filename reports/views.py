from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ekonomi import access, downloads, jobs, lists
from ekonomi.jobs.models import Job
from ekonomi.jobs.selectors import visible_jobs
from ekonomi.params import tertial_or_404
from ekonomi.periods import Tertial
from reports import selectors, services
from reports.filters import ReportFilter
from reports.forms import CommentaryForm, MakeForm
from reports.models import Commentary, Kind, ReportFile
from reports.tables import ReportTable
from reports.tasks import report_make, report_start

CONTENT_TYPES = {ReportFile.Format.PDF: downloads.PDF, ReportFile.Format.XLSX: downloads.XLSX}
RECENT_JOBS = 6


def _recent_jobs(user):
    # What was made lately, and what failed: a report whose job gave up after its retries says
    # so here, with the reason, until a newer run of the same report succeeds.
    return list(
        visible_jobs(user)
        .filter(kind=report_make.job_kind)
        .filter(Q(state__in=Job.ACTIVE) | Q(state=Job.State.FAILED) | Q(created_by=user))
        .order_by("-created_at")[:RECENT_JOBS]
    )


def _index_context(request, form=None):
    """The reports page; `form` is a make form that failed, else a fresh one is offered."""
    tertial = Tertial.from_date(timezone.localdate())
    can_make = access.can(request.user, access.REPORTS_MAKE)
    if form is None:
        form = MakeForm(initial={"kind": Kind.TERTIAL, "period": str(tertial.previous())})
    return {
        "form": form if can_make else None,
        "jobs": _recent_jobs(request.user) if can_make else [],
        "latest": selectors.visible_reports(user=request.user)[:10],
        "tertials": [tertial.previous(), tertial],
        "can_comment": access.can(request.user, access.REPORTS_COMMENT),
    }


@access.allow(access.REPORTS_READ)
def index(request):
    return render(request, "reports/index.html", _index_context(request))


@require_POST
@access.allow(access.REPORTS_MAKE)
def make(request):
    form = MakeForm(request.POST)
    if not form.is_valid():
        return render(request, "reports/index.html", _index_context(request, form), status=400)
    data = form.cleaned_data
    customer = data["customer"]
    job = report_start(
        kind=data["kind"],
        period=data["period"],
        customer_id=customer.pk if customer else None,
        mode=data["mode"],
        user=request.user,
    )
    return jobs.follow(job)


@access.allow(access.REPORTS_READ)
def archive(request):
    return lists.table_page(
        request,
        queryset=selectors.visible_reports(user=request.user),
        filterset_class=ReportFilter,
        table_class=ReportTable,
        template="reports/archive.html",
        export_name="rapportarkiv",
    )


@access.allow(access.REPORTS_READ)
def detail(request, pk):
    report = selectors.report_get(user=request.user, pk=pk)
    return render(
        request, "reports/detail.html", {"report": report, "files": list(report.files.all())}
    )


@access.allow(access.REPORTS_READ)
def download(request, pk, fmt):
    report, file = selectors.report_file_get(user=request.user, pk=pk, fmt=fmt)
    scope = report.customer.code if report.customer_id else "hela"
    version = f"-v{report.version}" if report.version else "-utkast"
    name = f"{report.get_kind_display()}-{report.period}-{scope}{version}.{fmt}".replace(" ", "-")
    return downloads.file_response(
        bytes(file.content), filename=name.lower(), content_type=CONTENT_TYPES[fmt]
    )


@access.allow(access.REPORTS_COMMENT)
def commentary(request, period):
    tertial = tertial_or_404(period)
    instance = selectors.commentary_of(tertial) or Commentary(period=str(tertial))
    form = CommentaryForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        texts = {key: form.cleaned_data[key] for key, _label in Commentary.SECTIONS}
        finish = form.cleaned_data["finish"]
        try:
            services.commentary_save(period=tertial, user=request.user, finish=finish, **texts)
            if finish:
                job = report_start(
                    kind=Kind.TERTIAL, period=tertial, mode=services.FINAL, user=request.user
                )
                return jobs.follow(job)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The commentary is saved."))
            return redirect("reports:commentary", period=str(tertial))
    draft, final = selectors.latest_reports(kind=Kind.TERTIAL, period=tertial)
    return render(
        request,
        "reports/commentary.html",
        {"form": form, "tertial": tertial, "commentary": instance, "draft": draft, "final": final},
    )
