from celery import shared_task

from invoicing import volume_services


@shared_task
def check_volume_import(volume_import_id: int) -> str:
    return volume_services.volume_import_check(volume_import_id=volume_import_id).status


@shared_task
def run_volume_import(volume_import_id: int) -> str:
    return volume_services.volume_import_run(volume_import_id=volume_import_id).status


# Billing's tasks live beside its services; imported here so that workers register them.
from invoicing.billing_tasks import billing_checks_run, billing_run_execute  # noqa: E402, F401
