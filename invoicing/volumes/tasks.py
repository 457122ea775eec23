from celery import shared_task

from invoicing.volumes import services


@shared_task(name="invoicing.volume_import_check")
def check_volume_import(volume_import_id: int) -> str:
    return services.volume_import_check(volume_import_id=volume_import_id).status


@shared_task(name="invoicing.volume_import_run")
def run_volume_import(volume_import_id: int) -> str:
    return services.volume_import_run(volume_import_id=volume_import_id).status
