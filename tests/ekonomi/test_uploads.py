"""Uploads stop at the view's limit while the body streams in, and never for someone not logged
in: nothing is left on disk, and the view says why in Swedish."""

import io

import pytest
from django.test import Client

pytestmark = pytest.mark.urls("tests.ekonomi.upload_urls")

BOUNDARY = "tabulartestboundary"
TOKEN = "a" * 32
TOO_LARGE = "refused: Filen är för stor: som mest 100\u00a0byte kan laddas upp här."


@pytest.fixture
def officer(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["officer"])
    client.cookies["csrftoken"] = TOKEN
    return client


def post_file(client, url, content):
    upload = io.BytesIO(content)
    upload.name = "volymer.csv"
    return client.post(url, {"csrfmiddlewaretoken": TOKEN, "file": upload})


def test_a_file_within_the_views_limit_is_received(officer, temporary_files):
    response = post_file(officer, "/small/", b"x" * 100)

    assert response.content == b"stored 100 bytes"


def test_a_file_past_the_limit_is_stopped_and_nothing_is_left_on_disk(officer, temporary_files):
    response = post_file(officer, "/small/", b"x" * 101)

    assert response.status_code == 400
    assert response.content.decode() == TOO_LARGE
    assert list(temporary_files.iterdir()) == []


def test_a_view_may_take_its_limit_from_a_setting(officer, settings, temporary_files):
    settings.VOLUME_IMPORT_MAX_BYTES = 10

    response = post_file(officer, "/by-setting/", b"x" * 11)

    assert response.content.decode() == (
        "refused: Filen är för stor: som mest 10\u00a0byte kan laddas upp här."
    )


def test_a_view_without_a_limit_gets_the_default(officer, settings, temporary_files):
    settings.UPLOAD_MAX_BYTES = 20

    assert post_file(officer, "/by-default/", b"x" * 20).content == b"stored 20 bytes"
    assert post_file(officer, "/by-default/", b"x" * 21).status_code == 400


class Body(io.RawIOBase):
    """A request body: the form's fields, then zeros without end; counts what is read."""

    def __init__(self, start, limit=10 * 1024 * 1024):
        self.start = start
        self.read_bytes = 0
        self.limit = limit

    def readable(self):
        return True

    def read(self, size=-1):
        assert self.read_bytes < self.limit, "the body was read on and on"
        size = 64 * 1024 if size is None or size < 0 else size
        part = self.start[self.read_bytes : self.read_bytes + size]
        part += b"\0" * (size - len(part))
        self.read_bytes += size
        return part


def endless_upload(client, url):
    body = Body(
        (
            f"--{BOUNDARY}\r\n"
            'Content-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
            f"{TOKEN}\r\n"
            f"--{BOUNDARY}\r\n"
            'Content-Disposition: form-data; name="file"; filename="volymer.csv"\r\n'
            "Content-Type: text/csv\r\n\r\n"
        ).encode()
    )
    response = client.generic(
        "POST",
        url,
        CONTENT_TYPE=f"multipart/form-data; boundary={BOUNDARY}",
        CONTENT_LENGTH=str(5 * 1024**3),
        **{"wsgi.input": body},
    )
    return response, body


def test_a_five_gigabyte_upload_is_refused_without_reading_it(officer, temporary_files):
    response, body = endless_upload(officer, "/small/")

    assert response.content.decode() == TOO_LARGE
    assert body.read_bytes <= 1024 * 1024
    assert list(temporary_files.iterdir()) == []


def test_an_upload_from_someone_not_logged_in_is_stopped_before_it_is_stored(
    db, temporary_files, settings
):
    settings.UPLOAD_MAX_BYTES = 10 * 1024**3
    anonymous = Client(enforce_csrf_checks=True)
    anonymous.cookies["csrftoken"] = TOKEN

    response, body = endless_upload(anonymous, "/by-default/")

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
    assert body.read_bytes <= 1024 * 1024
    assert list(temporary_files.iterdir()) == []
