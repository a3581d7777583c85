"""The board version: how a board that is open elsewhere learns that it is out of date.

An open board asks every few seconds `?sinds=<stand>`, and the answer is 204 unless its stand
changed. Polling one number keeps that check cheap (one small query, no rendering) and needs no
push channel: no websocket server to run, nothing a municipal proxy can break, and a board that
missed a change simply sees it at its next check. The price is that every change to what a
board shows must raise the number, whoever makes it and wherever (board, admin, management
command): hence the receivers below, not the views, decide when. The number is only ever raised
with an UPDATE ... + 1 inside the writing transaction, so a rolled-back write raises nothing and
two writers never lose each other's raise.

An opgave board's stand is its opgave's `bord_versie`. A regieteam board's stand also covers
the cards on it, as far as the reader may see them: the team's own `bord_versie` (the order,
the focus limit), the sum of the shown opgaven's `bord_versie` and their number (one landing or
leaving the gebied).
"""

from django.db.models import Count, F, QuerySet, Sum
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from opgaven.models import (
    Actie,
    Belemmering,
    Kans,
    Mijlpaal,
    Opgave,
    OpgaveGebied,
    Voortgangsupdate,
)
from teams.models import Team

# Records shown on the board of the opgave they belong to (their `opgave_id`).
OP_HET_BORD = [Actie, Mijlpaal, Voortgangsupdate, OpgaveGebied, Kans]


def verhoog_opgaveborden(opgaven: QuerySet[Opgave]) -> None:
    """Tell the boards open on these opgaven that something on them changed."""
    opgaven.update(bord_versie=F("bord_versie") + 1)


def verhoog_opgavebord(opgave_id: int) -> None:
    """Tell the boards open on this opgave that something on it changed."""
    verhoog_opgaveborden(Opgave.objects.filter(pk=opgave_id))


def verhoog_regiebord(regieteam_id: int) -> None:
    """Tell the boards open on this regieteam that its order or its own fields changed."""
    Team.objects.filter(pk=regieteam_id).update(bord_versie=F("bord_versie") + 1)


def stand_van_opgavebord(opgave: Opgave) -> str:
    """The stand of an opgave board, as its change check sends it back."""
    return str(opgave.bord_versie)


def lees_stand_van_opgavebord(opgave: QuerySet[Opgave]) -> str | None:
    """The stand of the one opgave in `opgave` (its board as far as the reader may see it),
    read without loading the opgave; None when the reader may not see it (or it is gone)."""
    stand = opgave.values_list("bord_versie", flat=True).first()
    return None if stand is None else str(stand)


def stand_van_regiebord(regieteam: Team, zichtbaar: QuerySet[Opgave]) -> str:
    """The stand of a regieteam board with the opgaven `zichtbaar` on it, in one query."""
    opgaven = zichtbaar.aggregate(versies=Sum("bord_versie"), aantal=Count("pk"))
    return f"{regieteam.bord_versie}.{opgaven['versies'] or 0}.{opgaven['aantal']}"


def kaart_gewijzigd(sender, instance, raw=False, **kwargs):
    """A card, milestone, progress update, gebied or kans was saved or deleted."""
    if not raw and instance.opgave_id:
        verhoog_opgavebord(instance.opgave_id)


def bord_zelf_gewijzigd(sender, instance, created: bool, raw=False, **kwargs):
    """An opgave's own fields (title, status, team, archive) and a regieteam's (focus limit)
    are on its board too, wherever they were edited: app, hand-over, admin."""
    if created or raw:
        return
    if sender is Team:
        verhoog_regiebord(instance.pk)
    else:
        verhoog_opgavebord(instance.pk)


def belemmering_gewijzigd(sender, instance: Belemmering, raw=False, **kwargs):
    """A belemmering is on the board of every opgave it blocks."""
    if not raw:
        verhoog_opgaveborden(Opgave.objects.filter(belemmeringen=instance))


def belemmering_verdwijnt(sender, instance: Belemmering, **kwargs):
    """A deleted belemmering leaves the boards of the opgaven it blocked."""
    # Before the delete: afterwards the link to the opgaven it blocked is gone.
    verhoog_opgaveborden(Opgave.objects.filter(belemmeringen=instance))


def belemmering_gekoppeld(sender, instance, action, pk_set, **kwargs):
    """A belemmering linked to or unlinked from opgaven, from either side of the link. Clearing
    a belemmering's opgaven names none of them afterwards, so their boards go up before."""
    if action not in {"post_add", "post_remove", "pre_clear"}:
        return
    if not isinstance(instance, Belemmering):
        verhoog_opgavebord(instance.pk)
    elif action == "pre_clear":
        verhoog_opgaveborden(Opgave.objects.filter(belemmeringen=instance))
    else:
        verhoog_opgaveborden(Opgave.objects.filter(pk__in=pk_set))


def verbind() -> None:
    """Connect the receivers, each to the models whose changes it covers (OpgavenConfig.ready)."""
    for model in OP_HET_BORD:
        post_save.connect(kaart_gewijzigd, sender=model)
        post_delete.connect(kaart_gewijzigd, sender=model)
    post_save.connect(bord_zelf_gewijzigd, sender=Opgave)
    post_save.connect(bord_zelf_gewijzigd, sender=Team)
    post_save.connect(belemmering_gewijzigd, sender=Belemmering)
    pre_delete.connect(belemmering_verdwijnt, sender=Belemmering)
    m2m_changed.connect(belemmering_gekoppeld, sender=Belemmering.opgaven.through)
