"""The rights on an opgave follow its team: a team's group holds them, and an opgave that moves to
another team takes its permissions along (teams/signals.py keeps the group's members)."""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from opgaven.models import Opgave
from rechten.opgaven import geef_team_toegang, ontneem_team_toegang
from teams.models import Team


@receiver(pre_save, sender=Opgave)
def onthoud_vorig_team(sender, instance: Opgave, raw=False, **kwargs):
    instance._vorig_team_id = (
        None
        if raw or instance._state.adding
        else Opgave.objects.filter(pk=instance.pk).values_list("team_id", flat=True).first()
    )


@receiver(post_save, sender=Opgave)
def rechten_volgen_het_team(sender, instance: Opgave, created: bool, raw=False, **kwargs):
    if raw:
        return
    vorig_team_id = getattr(instance, "_vorig_team_id", None)
    if created or vorig_team_id != instance.team_id:
        if vorig_team_id is not None:
            ontneem_team_toegang(instance, Team.objects.get(pk=vorig_team_id))
        geef_team_toegang(instance, instance.team)
