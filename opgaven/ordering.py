"""Card order on the boards: acties in the columns of an opgave board, the mijlpalen of an
opgave, opgaven on a regieteam's priority board.

A move says "card X goes into column C directly after card Y" (or to the top), never "this is
the whole column": resending a stale full order is how board tools revert each other's moves.
Every move runs in one transaction that first locks the board's own row (the opgave, or the
regieteam), so concurrent moves on one board queue up behind each other and each renumbers
from the state the previous one left; a column that is empty has no rows to lock, the board
row always exists. Positions are renumbered 0..n-1 without gaps.

This module is the one place that writes a position or decides an order: new cards, moves,
archiving, restoring and deleting, the order a board is read in and what its Hoger / Lager
buttons send. Only active acties are on the board and have places in a column; an archived one
keeps the position it had, so that restoring it puts it back where it was.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Max, OuterRef, ProtectedError, QuerySet, Subquery
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from gebieden.models import Gebied
from opgaven.bordversie import verhoog_opgavebord, verhoog_regiebord
from opgaven.models import Actie, Kolom, Mijlpaal, Opgave, Prioriteit


class BordGewijzigd(Exception):
    """The card to place after is no longer where the mover saw it: reload and try again."""


class KaartVerdwenen(BordGewijzigd):
    """The card itself was deleted meanwhile: there is nothing left to move or delete."""


class KaartGearchiveerd(KaartVerdwenen):
    """The card was archived meanwhile: it is off the board, in its archive list."""


def _zet_na(rijen: list, rij, na, *, sleutel=lambda r: r.pk) -> None:
    """Put `rij` into `rijen` directly after the row whose `sleutel` is `na` (None: first);
    BordGewijzigd when that row is not there (moved away or gone meanwhile)."""
    if na is None:
        index = 0
    else:
        index = next((i + 1 for i, r in enumerate(rijen) if sleutel(r) == na), None)
        if index is None:
            raise BordGewijzigd
    rijen.insert(index, rij)


def _hernummer(kaarten: list, veld_waarden: dict | None = None) -> list:
    """Give the cards positions 0..n-1 in list order; return those whose row must change."""
    gewijzigd = []
    for positie, kaart in enumerate(kaarten):
        extra = {k: v for k, v in (veld_waarden or {}).items() if getattr(kaart, k) != v}
        if kaart.positie != positie or extra:
            kaart.positie = positie
            for veld, waarde in extra.items():
                setattr(kaart, veld, waarde)
            gewijzigd.append(kaart)
    return gewijzigd


def _vergrendel_bord(opgave_id: int) -> None:
    """Lock the opgave's row until the transaction ends: changes to one board's card order
    queue up behind each other (a no-op on SQLite, which serialises writers anyway)."""
    Opgave.objects.select_for_update().filter(pk=opgave_id).first()


@dataclass(frozen=True)
class Buren:
    """What the Hoger and Lager buttons of a card show and send: Hoger only below the top card;
    each sends the card to place it after (Hoger's None: the top; Lager's None: no card below,
    so no Lager button)."""

    hoger: bool
    na_voor_hoger: int | None
    na_voor_lager: int | None


def hoger_en_lager(kaarten: Sequence, index: int) -> Buren:
    """The Hoger and Lager buttons of card `index` in `kaarten` (a column, or a regieteam
    board, in board order)."""
    return Buren(
        hoger=index > 0,
        na_voor_hoger=kaarten[index - 2].pk if index >= 2 else None,
        na_voor_lager=kaarten[index + 1].pk if index + 1 < len(kaarten) else None,
    )


# Board order: by column, top to bottom.
BORDVOLGORDE = ("kolom", "positie", "pk")


def bord_en_archief(opgave: Opgave) -> tuple[list[Actie], list[Actie]]:
    """What the opgave board shows of its acties, read in one query: the active ones in board
    order (an archived one is off the board), and its "Gearchiveerd" list, the most recently
    archived first, where the one just archived is easiest to find again."""
    acties = list(
        opgave.acties.select_related("eigenaar", "gearchiveerd_door", "mijlpaal").order_by(
            *BORDVOLGORDE
        )
    )
    archief = [actie for actie in acties if actie.is_gearchiveerd]
    archief.sort(key=lambda actie: (actie.gearchiveerd_op, actie.pk), reverse=True)
    return [actie for actie in acties if not actie.is_gearchiveerd], archief


def _kolom(opgave_id: int, kolom: str) -> list[Actie]:
    """The active cards of one column in order, their rows locked until the transaction ends."""
    return list(
        Actie.objects.actief()
        .select_for_update()
        .filter(opgave_id=opgave_id, kolom=kolom)
        .order_by("positie", "pk")
    )


@transaction.atomic
def plaats_nieuwe_actie(actie: Actie) -> Actie:
    """Save a new actie at the bottom of its column. The column is counted under the board
    lock, so two cards added at the same moment do not get the same position."""
    _vergrendel_bord(actie.opgave_id)
    actie.positie = (
        Actie.objects.actief().filter(opgave_id=actie.opgave_id, kolom=actie.kolom).count()
    )
    actie.save()
    return actie


@transaction.atomic
def verplaats_actie(*, actie_id: int, kolom: str | None, na_id: int | None, door=None) -> Actie:
    """Move an actie into `kolom` (None: the column it is in now), directly after actie
    `na_id` (None: at the top). The card is read again under the board lock: KaartVerdwenen
    when someone deleted it meanwhile, KaartGearchiveerd when someone archived it."""
    opgave_id = Actie.objects.filter(pk=actie_id).values_list("opgave_id", flat=True).first()
    if opgave_id is None:
        raise KaartVerdwenen
    _vergrendel_bord(opgave_id)
    actie = Actie.objects.filter(pk=actie_id).first()
    if actie is None:
        raise KaartVerdwenen
    if actie.is_gearchiveerd:
        raise KaartGearchiveerd
    kolom = kolom or actie.kolom
    oude_kolom = actie.kolom
    kolommen = (
        Actie.objects.actief()
        .select_for_update()
        .filter(opgave_id=actie.opgave_id, kolom__in={oude_kolom, kolom})
        .order_by("positie", "pk")
    )
    doel, bron = [], []
    for kaart in kolommen:
        if kaart.pk == actie.pk:
            continue
        (doel if kaart.kolom == kolom else bron).append(kaart)
    _zet_na(doel, actie, na_id)
    actie_was = (actie.kolom, actie.positie)
    buren = _hernummer(doel, {"kolom": kolom}) + _hernummer(bron)
    buren = [kaart for kaart in buren if kaart.pk != actie.pk]
    if buren:
        Actie.objects.bulk_update(buren, ["kolom", "positie"])
    if (actie.kolom, actie.positie) != actie_was:
        # Only the moved card gets a history entry; its version stays, a move is no edit.
        bulk_update_with_history(
            [actie],
            Actie,
            ["kolom", "positie"],
            default_user=door,
            default_change_reason=_("naar %(kolom)s") % {"kolom": Kolom(kolom).label},
        )
        verhoog_opgavebord(actie.opgave_id)
    return actie


def _sluit_gat(opgave_id: int, kolom: str) -> None:
    """Renumber a column's active cards 0..n-1 after one left it."""
    gewijzigd = _hernummer(_kolom(opgave_id, kolom))
    if gewijzigd:
        Actie.objects.bulk_update(gewijzigd, ["positie"])


@transaction.atomic
def verwijder_actie(*, opgave_id: int, actie_id: int, door=None) -> Actie:
    """Delete an actie (one made by mistake; anything else is archived) and close the gap in
    the column it is in, both read under the board lock, so a move of the same card at the
    same moment either happens first (and the gap is closed in its new column) or finds the
    card gone (KaartVerdwenen). Its history keeps the deletion, with who did it."""
    _vergrendel_bord(opgave_id)
    actie = Actie.objects.filter(pk=actie_id, opgave_id=opgave_id).first()
    if actie is None:
        raise KaartVerdwenen
    actie._history_user = door
    actie.delete()
    _sluit_gat(opgave_id, actie.kolom)
    return actie


@transaction.atomic
def archiveer_actie(*, opgave_id: int, actie_id: int, door) -> Actie:
    """Take an actie off the board into its archive list and close the gap in its column,
    under the board lock (like a delete). It keeps its position, for `herstel_actie`.
    Archiving one that is archived already changes nothing."""
    _vergrendel_bord(opgave_id)
    actie = Actie.objects.filter(pk=actie_id, opgave_id=opgave_id).first()
    if actie is None:
        raise KaartVerdwenen
    if not actie.is_gearchiveerd:
        actie.archiveer(door=door)
        _sluit_gat(opgave_id, actie.kolom)
    return actie


@transaction.atomic
def herstel_actie(*, opgave_id: int, actie_id: int, door) -> Actie:
    """Put an archived actie back on the board, in the column it was in, at the place it had
    there (or at the bottom, when the column is shorter now). So "Ongedaan maken" right after
    archiving puts the card back exactly where it was, and a later restore where the team last
    saw it; it is one move away from anywhere else. Restoring an active one changes nothing."""
    _vergrendel_bord(opgave_id)
    actie = Actie.objects.filter(pk=actie_id, opgave_id=opgave_id).first()
    if actie is None:
        raise KaartVerdwenen
    if not actie.is_gearchiveerd:
        return actie
    kolom = _kolom(opgave_id, actie.kolom)
    kolom.insert(min(actie.positie, len(kolom)), actie)
    gewijzigd = _hernummer(kolom)
    if gewijzigd:
        Actie.objects.bulk_update(gewijzigd, ["positie"])
    actie.herstel(door=door)  # the history entry, with the card's new position
    return actie


class MijlpaalInGebruik(Exception):
    """Acties work towards the mijlpaal (`Actie.mijlpaal` protects it): it stays until they
    are linked elsewhere. `acties` names them, archived ones included."""

    def __init__(self, acties: list[Actie]):
        super().__init__(f"{len(acties)} acties work towards it")
        self.acties = acties


# Mijlpalen at the same position (made before the team ordered them) by deadline.
MIJLPAALVOLGORDE = ("positie", "deadline", "pk")


def mijlpalen_op_bord(opgave: Opgave) -> QuerySet[Mijlpaal]:
    """The opgave's mijlpalen in the team's order."""
    return opgave.mijlpalen.order_by(*MIJLPAALVOLGORDE)


def mijlpalen_van(opgave: Opgave, *, opnieuw: bool = False) -> list[Mijlpaal]:
    """The opgave's mijlpalen in order, with their owners, read once per opgave object: the
    board's list and the mijlpaal choice of its actie forms share them. `opnieuw` reads them
    again: the list does, so it shows what a write just changed."""
    if opnieuw or not hasattr(opgave, "_mijlpalen"):
        opgave._mijlpalen = list(mijlpalen_op_bord(opgave).select_related("eigenaar"))
    return opgave._mijlpalen


@transaction.atomic
def plaats_nieuwe_mijlpaal(mijlpaal: Mijlpaal) -> Mijlpaal:
    """Save a new mijlpaal at the end of its opgave's list, counted under the board lock."""
    _vergrendel_bord(mijlpaal.opgave_id)
    hoogste = Mijlpaal.objects.filter(opgave_id=mijlpaal.opgave_id).aggregate(Max("positie"))
    mijlpaal.positie = 0 if hoogste["positie__max"] is None else hoogste["positie__max"] + 1
    mijlpaal.save()
    return mijlpaal


def _mijlpalen_vergrendeld(opgave_id: int) -> list[Mijlpaal]:
    return list(
        Mijlpaal.objects.select_for_update().filter(opgave_id=opgave_id).order_by(*MIJLPAALVOLGORDE)
    )


@transaction.atomic
def verplaats_mijlpaal(*, mijlpaal_id: int, na_id: int | None, door=None) -> Mijlpaal:
    """Place a mijlpaal directly after mijlpaal `na_id` (None: first), under the board lock:
    KaartVerdwenen when it was deleted meanwhile, BordGewijzigd when `na_id` was."""
    opgave_id = Mijlpaal.objects.filter(pk=mijlpaal_id).values_list("opgave_id", flat=True).first()
    if opgave_id is None:
        raise KaartVerdwenen
    _vergrendel_bord(opgave_id)
    mijlpalen = _mijlpalen_vergrendeld(opgave_id)
    mijlpaal = next((m for m in mijlpalen if m.pk == mijlpaal_id), None)
    if mijlpaal is None:
        raise KaartVerdwenen
    mijlpalen.remove(mijlpaal)
    _zet_na(mijlpalen, mijlpaal, na_id)
    positie_was = mijlpaal.positie
    gewijzigd = _hernummer(mijlpalen)
    buren = [m for m in gewijzigd if m.pk != mijlpaal.pk]
    if buren:
        Mijlpaal.objects.bulk_update(buren, ["positie"])
    if mijlpaal.positie != positie_was:
        # Only the moved mijlpaal gets a history entry; its version stays, a move is no edit.
        bulk_update_with_history(
            [mijlpaal],
            Mijlpaal,
            ["positie"],
            default_user=door,
            default_change_reason=_("naar plaats %(plek)s") % {"plek": mijlpaal.positie + 1},
        )
    if gewijzigd:
        verhoog_opgavebord(opgave_id)
    return mijlpaal


@transaction.atomic
def verwijder_mijlpaal(*, opgave_id: int, mijlpaal_id: int) -> Mijlpaal:
    """Delete a mijlpaal that no actie works towards and close the gap, under the board lock:
    MijlpaalInGebruik naming the acties that do, KaartVerdwenen when it is gone already."""
    _vergrendel_bord(opgave_id)
    mijlpaal = Mijlpaal.objects.filter(pk=mijlpaal_id, opgave_id=opgave_id).first()
    if mijlpaal is None:
        raise KaartVerdwenen
    try:
        mijlpaal.delete()
    except ProtectedError as beschermd:
        acties = sorted(beschermd.protected_objects, key=lambda actie: (actie.titel, actie.pk))
        raise MijlpaalInGebruik(acties) from None
    gewijzigd = _hernummer(_mijlpalen_vergrendeld(opgave_id))
    if gewijzigd:
        Mijlpaal.objects.bulk_update(gewijzigd, ["positie"])
    return mijlpaal


def opgaven_op_regiebord(regieteam) -> QuerySet[Opgave]:
    """Every active opgave landing in the regieteam's gebied or below it."""
    return Opgave.objects.actief().filter(
        pk__in=Opgave.objects.filter(
            opgave_gebieden__gebied__in=Gebied.objects.onder(regieteam.gebied)
        ).values("pk")
    )


def in_regievolgorde(opgaven: QuerySet[Opgave], regieteam) -> QuerySet[Opgave]:
    """`opgaven` in the order of the regieteam's board: by its priority, opgaven that landed
    in the gebied after the last move (no place yet) at the bottom by title, as the next move
    places them."""
    positie = (
        Prioriteit.objects.filter(regieteam=regieteam, opgave=OuterRef("pk"))
        .order_by()
        .values("positie")
    )
    return opgaven.annotate(prioriteit=Subquery(positie)).order_by(
        F("prioriteit").asc(nulls_last=True), "titel"
    )


def _prioriteiten(regieteam) -> list[Prioriteit]:
    """The board's order, with opgaven that newly landed in the gebied added at the bottom.
    An archived opgave keeps its row, off the board, and comes back at its place if restored."""
    rijen = list(
        Prioriteit.objects.select_for_update()
        .filter(regieteam=regieteam, opgave__in=Opgave.objects.actief().values("pk"))
        .order_by("positie", "pk")
    )
    bekend = {rij.opgave_id for rij in rijen}
    nieuw = in_regievolgorde(opgaven_op_regiebord(regieteam).exclude(pk__in=bekend), regieteam)
    for opgave in nieuw:
        rijen.append(
            Prioriteit.objects.create(regieteam=regieteam, opgave=opgave, positie=len(rijen))
        )
    return rijen


@transaction.atomic
def verplaats_prioriteit(*, regieteam, opgave_id: int, na_id: int | None, door=None) -> None:
    """Place opgave `opgave_id` directly after opgave `na_id` (None: at the top)."""
    type(regieteam).objects.select_for_update().filter(pk=regieteam.pk).first()
    rijen = _prioriteiten(regieteam)
    rij = next((r for r in rijen if r.opgave_id == opgave_id), None)
    if rij is None:
        raise BordGewijzigd
    rijen.remove(rij)
    _zet_na(rijen, rij, na_id, sleutel=lambda r: r.opgave_id)
    positie_was = rij.positie
    gewijzigd = _hernummer(rijen)
    buren = [r for r in gewijzigd if r.pk != rij.pk]
    if buren:
        Prioriteit.objects.bulk_update(buren, ["positie"])
    if rij.positie != positie_was:
        bulk_update_with_history([rij], Prioriteit, ["positie"], default_user=door)
        verhoog_regiebord(regieteam.pk)
