from functools import partial

import pytest

from ekonomi import jobs
from indicators.assessment import tasks
from indicators.assessment.models import Commitment, CommitmentMeasure
from tests.ekonomi.worker_process import finished


@pytest.mark.celery
def test_the_copy_job_run_twice_copies_the_commitments_once(transactional_db, demo, users):
    start = partial(
        jobs.start,
        tasks.commitments_copy_to_next_year,
        user=users["head"],
        params={"year": 2012},
    )
    first = finished(start())
    assert first.result == {"year": 2013, "created": 9}
    assert first.message == "9 åtaganden för 2013 skapades."
    second = finished(start())
    assert second.message == "Åtaganden för 2013 finns redan."
    assert Commitment.objects.filter(year=2013).count() == 9
    assert CommitmentMeasure.objects.filter(commitment__year=2013).count() == 6
