"""The job kinds: each app defines its kinds with @jobs.job in its tasks.py (see runner.py)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import autodiscover_modules

from ekonomi import access


@dataclass(frozen=True)
class Result:
    """What a job function may return: a small JSON summary, a link to the full result (a page
    or a file) and one sentence for the user."""

    data: dict = field(default_factory=dict)
    url: str = ""
    message: str = ""


@dataclass(frozen=True)
class Kind:
    name: str
    label: Any  # a lazy translation
    # Who may follow and retry other users' jobs of this kind (the starter always may follow).
    rule: access.Rule
    func: Callable
    # True: the function's writes and the job's "done" commit together (see runner.py).
    atomic: bool
    queue: str | None
    task: Any  # the Celery task that runs one attempt


_kinds: dict[str, Kind] = {}
_discovered = False


def check_free(name: str, func: Callable) -> None:
    """A kind is defined once; importing its module again (as Celery may) is not a second one."""
    existing = _kinds.get(name)
    if existing and _origin(existing.func) != _origin(func):
        raise ImproperlyConfigured(
            f"Job kind {name!r} is defined twice: {_origin(existing.func)} and {_origin(func)}"
        )


def register(kind: Kind) -> None:
    check_free(kind.name, kind.func)
    _kinds[kind.name] = kind


def _origin(func):
    return f"{func.__module__}.{func.__qualname__}"


def _discover():
    # Kinds are defined in the apps' tasks modules, which a web process has not necessarily
    # imported when it shows a job; the worker imports them through Celery's autodiscovery.
    global _discovered
    if not _discovered:
        autodiscover_modules("tasks")
        _discovered = True


def find(name: str) -> Kind | None:
    if name not in _kinds:
        _discover()
    return _kinds.get(name)


def get(name: str) -> Kind:
    kind = find(name)
    if kind is None:
        raise LookupError(f"Unknown job kind {name!r}")
    return kind


def kinds() -> list[Kind]:
    _discover()
    return list(_kinds.values())


def resolve(kind_or_func) -> Kind:
    """A kind from its name or from the function @jobs.job decorated."""
    return get(getattr(kind_or_func, "job_kind", kind_or_func))
