"""Failed logins: who is locked out, by what, and how an administrator lifts it.

django-axes counts failures. Two limits apply, and either locks:
- one user name from one address: `AXES_FAILURE_LIMIT` failures (5) lock that pair for the
  cool-off time (15 minutes). Keyed on the pair, an attacker who guesses at the
  administrator's password locks the attacker's own address out of that account, never the
  administrator at theirs.
- one address across user names (password spraying): `LOGIN_ADDRESS_FAILURE_LIMIT` failures
  (30) lock every login from that address for the cool-off time. It is higher, because an
  office behind one address has many people who mistype.

The address is the client's as the trusted proxies saw it (`client_address`), so that behind
a reverse proxy each person has their own and nobody can claim another's.
"""

import ipaddress
import logging
from dataclasses import dataclass

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone

security_log = logging.getLogger("ekonomi.security")


def client_address(request) -> str:
    """The client's address: each of the `TRUSTED_PROXY_COUNT` proxies in front of us adds
    the address it saw to X-Forwarded-For, so the client is that many entries from the
    right; anything further left was written by the client and is not believed."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    chain = [address for address in forwarded if address] + [remote]
    candidate = chain[-(count + 1)] if len(chain) > count else chain[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def _recent(queryset):
    cool_off = get_cool_off()
    if cool_off is None:
        return queryset
    return queryset.filter(attempt_time__gte=timezone.now() - cool_off)


def address_failures(address) -> int:
    attempts = _recent(AccessAttempt.objects.filter(ip_address=address))
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LoginThrottle(AxesDatabaseHandler):
    """Axes's database handler, with the address-wide limit on top of the per-pair one."""

    def get_failures(self, request, credentials=None) -> int:
        failures = super().get_failures(request, credentials)
        address = getattr(request, "axes_ip_address", None)
        if address and address_failures(address) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
            return max(failures, get_failure_limit(request, credentials))
        return failures


@dataclass
class Lockout:
    username: str  # empty when the whole address is locked
    address: str
    failures: int
    last_attempt: object
    until: object


def lockouts() -> list[Lockout]:
    """Every lockout in force: user name + address pairs, then whole addresses."""
    cool_off = get_cool_off()
    attempts = _recent(AccessAttempt.objects.all())
    found = [
        Lockout(row.username, row.ip_address, row.failures_since_start, row.attempt_time, None)
        for row in attempts.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    ]
    by_address = (
        attempts.values("ip_address")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.LOGIN_ADDRESS_FAILURE_LIMIT)
        .order_by("ip_address")
    )
    found += [
        Lockout("", row["ip_address"], row["failures"], row["last"], None) for row in by_address
    ]
    for lockout in found:
        lockout.until = lockout.last_attempt + cool_off if cool_off else None
    return sorted(found, key=lambda lockout: (-lockout.last_attempt.timestamp(), lockout.address))


def lockout_lift(*, username: str, address: str, user) -> int:
    """Forget the failures behind one lockout; an empty user name lifts the whole address."""
    removed = reset(ip=address, username=username) if username else reset(ip=address)
    security_log.warning(
        "lockout lifted: username=%s address=%s by=%s", username or "*", address, user.username
    )
    return removed
