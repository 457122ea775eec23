from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekonomi import access, jobs
from indicators.assessment import services


@jobs.job(
    "indicators.commitments_copy_to_next_year",
    label=gettext_lazy("Copying the commitments to next year"),
    rule=access.COMMITMENT_WRITE,
)
def commitments_copy_to_next_year(job, *, year):
    count = services.commitments_copy_to_next_year(year=year)
    return jobs.Result(
        data={"year": year + 1, "created": count},
        url=f"{reverse('indicators:commitments')}?ar={year + 1}",
        message=_("%(n)s commitments for %(year)s were created.") % {"n": count, "year": year + 1},
    )
