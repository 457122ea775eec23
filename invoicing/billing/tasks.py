from celery import shared_task

from invoicing.billing import reconciliation, services


@shared_task(name="invoicing.billing_run_execute")
def billing_run_execute(run_id):
    services.billing_run_execute(run_id=run_id)


@shared_task(name="invoicing.billing_checks")
def billing_checks_run():
    reconciliation.run_checks()
