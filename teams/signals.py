"""Team membership is group membership: a member who joins gets the team's rights at once, one
who leaves loses them at once. The rights on the team's opgaven belong to its group
(rechten/signals.py moves them along when an opgave changes team).
"""

from django.contrib.auth.models import Group
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from teams.models import Lidmaatschap, Team


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
