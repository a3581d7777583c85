"""Writing the audit log: one line in the `opgavebord.audit` logger and one AuditRegel; denied
access repeated within a minute is counted on its first row instead."""

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from simple_history.models import HistoricalRecords

from audit.herkomst import client_ip
from audit.models import Actie, AuditRegel

logger = logging.getLogger("opgavebord.audit")

# Denied access repeated within this time after its first occurrence is counted, not written.
HERHALING_BINNEN = timedelta(minutes=1)


def huidig_verzoek() -> HttpRequest | None:
    """The request being handled, as django-simple-history's middleware keeps it, so signal
    handlers know who made a change; None in management commands and shell sessions."""
    return getattr(HistoricalRecords.context, "request", None)


def _pad(request: HttpRequest) -> str:
    return request.get_full_path()[:500]


def leg_vast(
    *,
    actie: str,
    resultaat: str,
    object_soort: str = "",
    object_id: str = "",
    object_omschrijving: str = "",
    details: str = "",
    request: HttpRequest | None = None,
) -> AuditRegel:
    """Record one audit event; the actor and origin come from `request` (or the current one)."""
    request = request or huidig_verzoek()
    user = getattr(request, "user", None)
    actor = user if user is not None and user.is_authenticated else None
    regel = AuditRegel.objects.create(
        actor=actor,
        actor_naam=actor.get_username() if actor else "",
        actie=actie,
        resultaat=resultaat[:30],
        object_soort=object_soort[:100],
        object_id=object_id[:200],
        object_omschrijving=object_omschrijving[:300],
        details=details,
        ip=client_ip(request) if request is not None else None,
        pad=_pad(request) if request is not None else "",
    )
    # The log line goes out with the row: a change that is rolled back was never made.
    transaction.on_commit(
        lambda: logger.info(
            "%s %s door=%s object=%s:%s (%s) ip=%s pad=%s %s",
            actie,
            resultaat,
            regel.actor_naam or "-",
            object_soort,
            object_id,
            object_omschrijving,
            regel.ip or "-",
            regel.pad or "-",
            details,
        )
    )
    return regel


def leg_weigering_vast(
    *,
    resultaat: str,
    object_soort: str,
    object_id: str,
    details: str,
    request: HttpRequest,
) -> None:
    """Record denied access (403/404), so that nobody can flood the log with it: the same
    denial (same result, path and method) for the same user, or for an anonymous visitor the
    same IP address, within HERHALING_BINNEN of its first row only counts on that row."""
    nu = timezone.now()
    user = request.user
    if user.is_authenticated:
        wie = {"actor": user}
    else:
        wie = {"actor__isnull": True, "ip": client_ip(request)}
    eerder = (
        AuditRegel.objects.filter(
            actie=Actie.TOEGANG_GEWEIGERD,
            resultaat=resultaat,
            pad=_pad(request),
            details=details,
            tijd__gte=nu - HERHALING_BINNEN,
            **wie,
        )
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    if eerder is None:
        leg_vast(
            actie=Actie.TOEGANG_GEWEIGERD,
            resultaat=resultaat,
            object_soort=object_soort,
            object_id=object_id,
            details=details,
            request=request,
        )
    else:
        AuditRegel.objects.filter(pk=eerder).update(aantal=F("aantal") + 1, laatste_keer=nu)
