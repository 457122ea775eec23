"""Going through the preview of an import page (ekonomi.importing) in a test client."""


def preview_of(response):
    """The preview the page shows, or None (errors, the mapping step)."""
    if response.status_code != 200 or response.context is None:
        return None
    return response.context.get("preview")


def confirm(client, response, **data):
    """Press "Confirm import" on the preview in `response`."""
    form = response.context["confirm"]
    assert form is not None, [tuple(e) for e in response.context["errors"]]
    return client.post(
        response.wsgi_request.path,
        {"step": "confirm", "token": form.initial["token"], **data},
    )


def through_preview(client, response, **data):
    """`response`, or when it is a preview, the response to confirming it."""
    if preview_of(response) is None:
        return response
    return confirm(client, response, **data)


def left_on_disk(folder):
    return [path for path in folder.rglob("*") if path.is_file()]
