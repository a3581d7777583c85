"""Team membership is group membership: object permissions granted to a team's group
apply to its members the moment they join, and stop the moment they leave."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from teams.models import Lidmaatschap


@receiver(post_save, sender=Lidmaatschap)
def lid_in_groep(sender, instance: Lidmaatschap, **kwargs):
    instance.user.groups.add(instance.team.groep)


@receiver(post_delete, sender=Lidmaatschap)
def lid_uit_groep(sender, instance: Lidmaatschap, **kwargs):
    instance.user.groups.remove(instance.team.groep_id)
