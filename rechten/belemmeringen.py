"""Who sees and handles which belemmering.

The rules as a whole: rechten/__init__.py.
"""

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from gebieden.models import Gebied
from opgaven.models import (
    Belemmering,
    Opgave,
)
from rechten.gebruikers import Gebruiker, regie_paden, ziet_alles
from rechten.opgaven import is_zichtbaar, wijzigbare_ids, zichtbare_opgaven


def zichtbare_belemmeringen(user: Gebruiker) -> QuerySet[Belemmering]:
    """Belemmeringen on an opgave the user may see, in a regieteam's gebied, or raised by
    the user themself."""
    if not user.is_authenticated:
        return Belemmering.objects.none()
    if ziet_alles(user):
        return Belemmering.objects.all()
    zichtbaar = Q(opgaven__in=zichtbare_opgaven(user)) | Q(ingebracht_door=user)
    for pad in regie_paden(user):
        zichtbaar |= Q(gebied__pad__startswith=pad)
    return Belemmering.objects.filter(pk__in=Belemmering.objects.filter(zichtbaar).values("pk"))


def met_opgaven(user: Gebruiker) -> Prefetch:
    """What a belemmering card needs of the opgaven it blocks: a plain list attribute
    `geblokkeerde_opgaven` (a related manager per card costs more than the card itself on a
    board of a thousand cards), each opgave marked `zichtbaar` for this user, so a card names
    only the opgaven its reader may see (`Verwijzingen`)."""
    return Prefetch(
        "opgaven",
        Opgave.objects.only("id", "titel", "gearchiveerd_op")
        .annotate(zichtbaar=is_zichtbaar(user))
        .order_by("titel"),
        to_attr="geblokkeerde_opgaven",
    )


def behandelbaar(user: Gebruiker, *, bord: Opgave | None = None) -> Callable[[Belemmering], bool]:
    """Who may move a belemmering: the teams of the opgaven it blocks, and the regieteams
    whose gebied covers it; nobody when every opgave it blocks is archived (read-only, like
    their boards), nor on the `bord` of an archived opgave. Needs `met_opgaven` prefetched;
    costs two queries for any list."""
    if not (user.is_authenticated and user.is_active) or (bord and bord.is_gearchiveerd):
        return lambda belemmering: False
    eigen = wijzigbare_ids(user)
    paden = regie_paden(user)

    def mag(belemmering: Belemmering) -> bool:
        opgaven = belemmering.geblokkeerde_opgaven
        if opgaven and all(opgave.is_gearchiveerd for opgave in opgaven):
            return False
        if any(opgave.pk in eigen for opgave in opgaven):
            return True
        return bool(belemmering.gebied) and any(
            belemmering.gebied.pad.startswith(pad) for pad in paden
        )

    return mag


def get_belemmering_for_user(request, pk: int, *, write: bool = False) -> Belemmering:
    """The belemmering with what a card needs (`met_opgaven`); 404 when the user may not see
    it, 403 when `write` asks to handle one the user may not (`behandelbaar`)."""
    belemmering = get_object_or_404(
        zichtbare_belemmeringen(request.user)
        .prefetch_related(met_opgaven(request.user))
        .select_related("gebied")
        .defer("gebied__omtrek"),
        pk=pk,
    )
    if write and not behandelbaar(request.user)(belemmering):
        raise PermissionDenied
    return belemmering


def mogelijke_eigenaren(belemmering: Belemmering, user: Gebruiker) -> QuerySet:
    """Who may own the belemmering, as the editor chooses: the members of the teams of the
    opgaven it blocks that the editor may see, the editor's own teammates, and whoever owns it
    now. Never names people the editor has no way of knowing."""
    geblokkeerd = belemmering.opgaven.filter(pk__in=zichtbare_opgaven(user).values("pk"))
    return (
        get_user_model()
        .objects.filter(
            (Q(teams__in=geblokkeerd.values("team")) | Q(teams__in=user.teams.values("pk")))
            & Q(is_active=True)
            | Q(pk=belemmering.eigenaar_id)
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def gebieden_voor_belemmering(belemmering: Belemmering, user: Gebruiker) -> QuerySet[Gebied]:
    """Where the editor may put the belemmering: where the opgaven it blocks land (those the
    editor may see), the gebieden of the editor's own regieteams, and where it lies now. Its
    gebied decides which regieteam sees and handles it (`zichtbare_belemmeringen`,
    `behandelbaar`), so a regieteam member who handles it only through that gebied (no team of
    the opgaven it blocks) picks only inside their own gebied: the belemmering stays theirs."""
    geblokkeerd = belemmering.opgaven.filter(pk__in=zichtbare_opgaven(user).values("pk"))
    paden = regie_paden(user)
    keuze = Q(opgave_gebieden__opgave__in=geblokkeerd) | Q(pad__in=paden)
    if not geblokkeerd.filter(pk__in=wijzigbare_ids(user)).exists() and paden:
        binnen = Q()
        for pad in paden:
            binnen |= Q(pad__startswith=pad)
        keuze &= binnen
    gebieden = Gebied.objects.geldig().filter(keuze).values("pk")
    return Gebied.objects.filter(Q(pk__in=gebieden) | Q(pk=belemmering.gebied_id))
