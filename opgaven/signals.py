"""Any change to what an opgave board shows raises the opgave's `bord_versie`, so boards that
are open elsewhere see it in their next change check, whoever made the change and where
(board, admin, management command)."""

from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from opgaven.models import (
    Actie,
    Belemmering,
    Kans,
    Mijlpaal,
    Opgave,
    OpgaveGebied,
    Voortgangsupdate,
)
from opgaven.ordering import verhoog_bordversie
from teams.models import Team

OP_HET_BORD = [Actie, Mijlpaal, Voortgangsupdate, OpgaveGebied, Kans]


@receiver(post_save)
@receiver(post_delete)
def bord_van_opgave_gewijzigd(sender, instance, raw=False, **kwargs):
    if sender in OP_HET_BORD and not raw and instance.opgave_id:
        verhoog_bordversie(instance.opgave_id)


@receiver(post_save, sender=Opgave)
@receiver(post_save, sender=Team)
def bord_zelf_gewijzigd(sender, instance, created: bool, raw=False, **kwargs):
    """An opgave's own fields (title, status, team, archive) and a regieteam's (focus limit)
    are on its board too, wherever they were edited: app, hand-over, admin."""
    if not (created or raw):
        instance.verhoog_bordversie()


@receiver(post_save, sender=Belemmering)
def belemmering_gewijzigd(sender, instance: Belemmering, raw=False, **kwargs):
    if not raw:
        Opgave.objects.filter(belemmeringen=instance).update(bord_versie=F("bord_versie") + 1)


@receiver(pre_delete, sender=Belemmering)
def belemmering_verdwijnt(sender, instance: Belemmering, **kwargs):
    # Before the delete: afterwards the link to the opgaven it blocked is gone.
    Opgave.objects.filter(belemmeringen=instance).update(bord_versie=F("bord_versie") + 1)


@receiver(m2m_changed, sender=Belemmering.opgaven.through)
def belemmering_gekoppeld(sender, instance, action, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if isinstance(instance, Belemmering):
        Opgave.objects.filter(pk__in=pk_set or ()).update(bord_versie=F("bord_versie") + 1)
    else:
        verhoog_bordversie(instance.pk)
