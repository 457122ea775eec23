from dataclasses import asdict

from celery import shared_task

from customers import agreement_services


@shared_task
def agreements_copy_to_next_year(year: int) -> dict:
    return asdict(agreement_services.agreements_copy_to_next_year(year=year))
