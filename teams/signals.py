"""Team membership is group membership, and a team's group holds the rights on its opgaven.

So permissions follow the team: a member who joins gets access at once, one who leaves loses
it at once, and an opgave that moves to another team takes its permissions along.
"""

from django.contrib.auth.models import Group
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from opgaven.models import Opgave
from teams.models import Lidmaatschap, Team
from teams.permissions import geef_team_toegang, ontneem_team_toegang


@receiver(post_save, sender=Lidmaatschap)
def lid_in_groep(sender, instance: Lidmaatschap, **kwargs):
    instance.user.groups.add(instance.team.groep)


@receiver(post_delete, sender=Lidmaatschap)
def lid_uit_groep(sender, instance: Lidmaatschap, **kwargs):
    instance.user.groups.remove(instance.team.groep_id)


@receiver(post_delete, sender=Team)
def groep_weg_met_team(sender, instance: Team, **kwargs):
    """A deleted team's group goes too: a later team with the same slug must not inherit its
    members or the rights on its opgaven."""
    Group.objects.filter(pk=instance.groep_id).delete()


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
