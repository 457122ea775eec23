"""The job's page, its status for polling and "Försök igen", as the user meets them."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ekonomi import jobs
from ekonomi.jobs import services
from ekonomi.jobs.models import Job
from tests.conftest import make_user
from tests.ekonomi import job_kinds

State = Job.State


@pytest.fixture
def make_job(users):
    def make(kind=job_kinds.echo, user="officer", **fields):
        params = {"number": 1} if kind is job_kinds.echo else {}
        job = jobs.start(kind, user=users[user], params=params)
        Job.objects.filter(pk=job.pk).update(**fields)
        job.refresh_from_db()
        return job

    return make


def test_the_page_of_a_running_job_shows_its_state_in_words_and_its_progress(
    client_for, make_job, users
):
    users["officer"].first_name, users["officer"].last_name = "Hanna", "Handläggare"
    users["officer"].save()
    job = make_job(
        state=State.RUNNING,
        progress=40,
        message="Rad 4 000 av 10 000",
        started_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )

    page = client_for("officer").get(reverse("jobs:job", args=[job.pk])).content.decode()

    assert f"Bakgrundsjobb {job.pk}" in page
    assert "<h2" in page and "Echoing</h2>" in page
    assert '<strong class="job-state" data-job-state>Pågår</strong>' in page
    assert "Rad 4 000 av 10 000" in page
    assert '<progress max="100" value="40"' in page
    assert ">40 %</progress>" in page
    assert "Startat av</dt><dd>Hanna Handläggare, " in page
    assert f'data-job-status-url="{reverse("jobs:status", args=[job.pk])}"' in page
    assert 'data-job-then="result"' in page
    assert "js/jobs.js" in page
    assert "Försök igen" not in page


def test_the_page_of_a_done_job_links_to_the_result_and_stops_following(client_for, make_job):
    job = make_job(state=State.DONE, progress=100, result_url="/resultat/1/")

    page = client_for("officer").get(reverse("jobs:job", args=[job.pk])).content.decode()

    assert "data-job-state>Klart</strong>" in page
    assert '<a class="button" href="/resultat/1/">Visa resultatet</a>' in page
    assert "data-job-status-url" not in page
    assert "js/jobs.js" not in page


def test_the_page_of_a_failed_job_shows_the_reason_and_forsok_igen(client_for, make_job):
    job = make_job(state=State.FAILED, message="Månaden är redan fakturerad.", attempt=2)

    page = client_for("officer").get(reverse("jobs:job", args=[job.pk])).content.decode()

    assert "data-job-state>Misslyckades</strong>" in page
    assert '<div class="message error" role="alert"><p>Månaden är redan fakturerad.</p>' in page
    assert f'action="{reverse("jobs:retry", args=[job.pk])}"' in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert '<button type="submit">Försök igen</button>' in page
    assert "Försök</dt><dd>2</dd>" in page
    assert "Visa resultatet" not in page


def test_the_job_page_has_no_inline_script_or_style(client_for, make_job):
    job = make_job(state=State.RUNNING, heartbeat_at=timezone.now())
    response = client_for("officer").get(reverse("jobs:job", args=[job.pk]))
    assert "<script>" not in response.text
    assert " style=" not in response.text
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]


def test_the_status_tells_the_poller_the_state_progress_and_message(client_for, make_job):
    job = make_job(
        state=State.RUNNING, progress=40, message="Rad 4 000 av 10 000", heartbeat_at=timezone.now()
    )

    status = client_for("officer").get(reverse("jobs:status", args=[job.pk])).json()

    assert status == {
        "id": job.pk,
        "kind": "tests.echo",
        "label": "Echoing",
        "state": "running",
        "state_label": "Pågår",
        "progress": 40,
        "message": "Rad 4 000 av 10 000",
        "attempt": 1,
        "finished": False,
        "result_url": "",
    }


def test_the_status_of_a_done_job_gives_the_result_link(client_for, make_job):
    job = make_job(state=State.DONE, progress=100, result_url="/resultat/1/")
    status = client_for("officer").get(reverse("jobs:status", args=[job.pk])).json()
    assert (status["state_label"], status["finished"], status["result_url"]) == (
        "Klart",
        True,
        "/resultat/1/",
    )


def test_polling_a_job_whose_worker_was_lost_starts_it_again(
    client_for, make_job, settings, django_capture_on_commit_callbacks
):
    settings.JOBS_LOST_AFTER_SECONDS = 60
    job = make_job(state=State.RUNNING, heartbeat_at=timezone.now() - timedelta(seconds=61))
    officer = client_for("officer")

    with django_capture_on_commit_callbacks() as queued:
        status = officer.get(reverse("jobs:status", args=[job.pk])).json()

    assert len(queued) == 1
    assert (status["state_label"], status["attempt"]) == ("Väntar", 2)
    assert status["message"] == "Jobbet avbröts och har startats om."


def test_forsok_igen_runs_the_job_again_and_returns_to_its_page(
    client_for, make_job, django_capture_on_commit_callbacks
):
    job = make_job(kind=job_kinds.refuse_first, state=State.FAILED, message="Nej.")
    officer = client_for("officer")

    with django_capture_on_commit_callbacks(execute=True):
        response = officer.post(reverse("jobs:retry", args=[job.pk]))

    assert response.url == reverse("jobs:job", args=[job.pk])
    page = officer.get(response.url).content.decode()
    assert "data-job-state>Klart</strong>" in page
    assert "Andra gången gick det." in page
    assert "Försök</dt><dd>2</dd>" in page


def test_forsok_igen_returns_to_the_page_that_showed_the_job(client_for, make_job):
    job = make_job(state=State.FAILED)
    officer = client_for("officer")
    url = reverse("jobs:retry", args=[job.pk])

    assert officer.post(url, {"next": "/debitering/volymer/"}).url == "/debitering/volymer/"
    Job.objects.filter(pk=job.pk).update(state=State.FAILED)
    assert officer.post(url, {"next": "https://example.com/"}).url == job.get_absolute_url()


def test_forsok_igen_on_a_job_that_has_not_failed_says_so(client_for, make_job):
    job = make_job(state=State.DONE)
    officer = client_for("officer")
    response = officer.post(reverse("jobs:retry", args=[job.pk]), follow=True)
    assert "Bara ett misslyckat jobb kan försökas igen." in response.content.decode()
    job.refresh_from_db()
    assert (job.state, job.attempt) == (State.DONE, 1)


def test_forsok_igen_is_a_post(client_for, make_job):
    job = make_job(state=State.FAILED)
    assert client_for("officer").get(reverse("jobs:retry", args=[job.pk])).status_code == 405


def test_another_users_job_is_not_found_when_its_kind_is_not_theirs(client_for, make_job, caplog):
    job = make_job(kind=job_kinds.volume_work, state=State.FAILED)
    head = client_for("head")

    for name in ("jobs:job", "jobs:status"):
        response = head.get(reverse(name, args=[job.pk]))
        assert response.status_code == 404
        assert "Sidan hittades inte" in response.text
    assert head.post(reverse("jobs:retry", args=[job.pk])).status_code == 404
    assert f"out-of-sight job: user=chef job={job.pk}" in caplog.text


def test_a_bound_controller_sees_only_their_own_jobs(client_for, make_job):
    theirs = make_job(user="bound_controller")
    others = make_job(user="officer")
    controller = client_for("bound_controller")
    assert controller.get(reverse("jobs:job", args=[theirs.pk])).status_code == 200
    assert controller.get(reverse("jobs:job", args=[others.pk])).status_code == 404


def test_a_starter_whose_role_no_longer_admits_the_kind_may_look_but_not_retry(
    client_for, make_job, users
):
    job = make_job(kind=job_kinds.volume_work, state=State.FAILED)
    users["officer"].role = "controller"
    users["officer"].save()
    officer = client_for("officer")

    page = officer.get(reverse("jobs:job", args=[job.pk])).content.decode()

    assert "Misslyckades" in page
    assert "Försök igen" not in page
    assert officer.post(reverse("jobs:retry", args=[job.pk])).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_start_and_follow_show_a_job_done_at_commit_straight_away():
    # Outside a transaction, as in a view: without a broker the job runs at commit.
    job = services.start(job_kinds.echo, user=make_user("jobbare"), params={"number": 5})
    assert job.state == State.DONE
    assert jobs.follow(job).url == "/resultat/5/"
    Job.objects.filter(pk=job.pk).update(state=State.RUNNING)
    job.refresh_from_db()
    assert jobs.follow(job).url == reverse("jobs:job", args=[job.pk])


def test_administrators_see_jobs_in_the_admin_but_cannot_change_them(client_for, make_job):
    job = make_job(state=State.FAILED, last_error="Traceback: RuntimeError")
    admin = client_for("admin")

    listing = admin.get("/admin/ekonomi/job/").content.decode()
    detail = admin.get(f"/admin/ekonomi/job/{job.pk}/change/").content.decode()

    assert "tests.echo" in listing
    assert "Traceback: RuntimeError" in detail
    assert 'name="_save"' not in detail
    assert admin.get("/admin/ekonomi/job/add/").status_code == 403
