"""Writing the audit log: one line in the `opgavebord.audit` logger and one AuditRegel."""

import logging

from django.http import HttpRequest
from simple_history.models import HistoricalRecords

from audit.herkomst import client_ip
from audit.models import AuditRegel

logger = logging.getLogger("opgavebord.audit")


def huidig_verzoek() -> HttpRequest | None:
    """The request being handled, as django-simple-history's middleware keeps it, so signal
    handlers know who made a change; None in management commands and shell sessions."""
    return getattr(HistoricalRecords.context, "request", None)


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
        pad=request.get_full_path()[:500] if request is not None else "",
    )
    logger.info(
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
    return regel
