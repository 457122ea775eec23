from celery import shared_task

from ekonomi.jobs import services


# For the beat schedule (every 30 s or so): a job whose worker died is taken up again.
@shared_task(name="ekonomi.jobs.sweep", ignore_result=True)
def sweep_lost_jobs():
    services.sweep()
