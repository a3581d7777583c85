"""Which peilmomenten a reader sees: those that recorded an opgave they may see.

The rules as a whole: rechten/__init__.py.
"""

from django.db.models import QuerySet

from opgaven.models import Opgave, Peilmoment


def zichtbare_peilmomenten(opgaven: QuerySet[Opgave]) -> QuerySet[Peilmoment]:
    """Peilmomenten that recorded at least one of these opgaven."""
    return (
        Peilmoment.objects.filter(regels__opgave__in=opgaven)
        .distinct()
        .select_related("regieteam")
        .order_by("-datum", "-aangemaakt_op")
    )
