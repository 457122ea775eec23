from celery import shared_task

from invoicing import billing_services, checks


@shared_task
def billing_run_execute(run_id):
    billing_services.billing_run_execute(run_id=run_id)


@shared_task
def billing_checks_run():
    checks.run_checks()
