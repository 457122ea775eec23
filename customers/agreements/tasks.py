from dataclasses import asdict

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from customers.agreements import services
from ekonomi import access, jobs


@jobs.job(
    "customers.agreements_copy_to_next_year",
    label=gettext_lazy("Creating next year's agreements"),
    rule=access.CUSTOMER_WRITE,
)
def agreements_copy_to_next_year(job, *, year):
    result = services.agreements_copy_to_next_year(year=year)
    return jobs.Result(
        data=asdict(result),
        # The result page reads what was created and skipped from this job.
        url=f"{reverse('customers:agreement_next_year')}?jobb={job.id}",
        message=_("%(created)s created, %(skipped)s skipped.")
        % {"created": len(result.created), "skipped": len(result.skipped)},
    )
