from dataclasses import asdict

from celery import shared_task

from customers.agreements import services


@shared_task(name="customers.agreements_copy_to_next_year")
def agreements_copy_to_next_year(year: int) -> dict:
    return asdict(services.agreements_copy_to_next_year(year=year))
