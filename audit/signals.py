"""Every permission change is logged, wherever it is made (team page, admin, shell): object
rights (guardian), team membership, group membership, global rights and the admin flags."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from audit.log import leg_vast
from audit.models import Actie
from teams.models import Lidmaatschap

User = get_user_model()
ROLVLAGGEN = ("is_active", "is_staff", "is_superuser")


def _objectrecht_beschrijving(recht) -> tuple[str, str, str]:
    """(object kind, object id, who got or lost which right) of a guardian object permission."""
    if hasattr(recht, "content_object_id"):  # a direct foreign key, as opgaven's rights are
        soort = recht._meta.get_field("content_object").related_model._meta.label_lower
        object_id = str(recht.content_object_id)
    else:
        soort = f"{recht.content_type.app_label}.{recht.content_type.model}"
        object_id = str(recht.object_pk)
    if isinstance(recht, UserObjectPermissionBase):
        houder = f"gebruiker {User.objects.filter(pk=recht.user_id).first() or recht.user_id}"
    else:
        houder = f"groep {Group.objects.filter(pk=recht.group_id).first() or recht.group_id}"
    return soort, object_id, f"{recht.permission.codename} voor {houder}"


def objectrecht_toegekend(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    soort, object_id, details = _objectrecht_beschrijving(instance)
    leg_vast(
        actie=Actie.RECHT_TOEGEKEND,
        resultaat="ok",
        object_soort=soort,
        object_id=object_id,
        details=details,
    )


def objectrecht_ingetrokken(sender, instance, **kwargs):
    soort, object_id, details = _objectrecht_beschrijving(instance)
    leg_vast(
        actie=Actie.RECHT_INGETROKKEN,
        resultaat="ok",
        object_soort=soort,
        object_id=object_id,
        details=details,
    )


def verbind_objectrechten() -> None:
    """Connect the two receivers above to every table of object rights (guardian's own and the
    direct foreign-key tables of opgaven), not to every model's saves (AuditConfig.ready)."""
    for model in apps.get_models():
        if issubclass(model, UserObjectPermissionBase | GroupObjectPermissionBase):
            post_save.connect(objectrecht_toegekend, sender=model)
            post_delete.connect(objectrecht_ingetrokken, sender=model)


def _lidmaatschap(instance: Lidmaatschap, actie: str) -> None:
    gebruiker = User.objects.filter(pk=instance.user_id).first()
    leg_vast(
        actie=actie,
        resultaat="ok",
        object_soort="teams.team",
        object_id=str(instance.team_id),
        object_omschrijving=str(instance.team) if instance.team_id else "",
        details=f"gebruiker {gebruiker or instance.user_id}, rol {instance.rol}",
    )


@receiver(post_save, sender=Lidmaatschap)
def lidmaatschap_opgeslagen(sender, instance, created, raw=False, **kwargs):
    if not raw:
        _lidmaatschap(instance, Actie.LID_TOEGEVOEGD if created else Actie.LID_GEWIJZIGD)


@receiver(post_delete, sender=Lidmaatschap)
def lidmaatschap_verwijderd(sender, instance, **kwargs):
    _lidmaatschap(instance, Actie.LID_VERWIJDERD)


def _m2m_gewijzigd(instance, action, model, pk_set, *, wat: str, toegevoegd, verwijderd):
    # add() and remove(), also as set() and the admin use them; clear() is not used.
    if action not in {"post_add", "post_remove"}:
        return
    for pk in sorted(pk_set or ()):
        ander = model.objects.filter(pk=pk).first()
        leg_vast(
            actie=toegevoegd if action == "post_add" else verwijderd,
            resultaat="ok",
            object_soort=instance._meta.label_lower,
            object_id=str(instance.pk),
            object_omschrijving=str(instance),
            details=f"{wat}: {ander or pk}",
        )


@receiver(m2m_changed, sender=User.groups.through)
def groepen_gewijzigd(sender, instance, action, model, pk_set, **kwargs):
    _m2m_gewijzigd(
        instance,
        action,
        model,
        pk_set,
        wat="groep" if isinstance(instance, User) else "gebruiker",
        toegevoegd=Actie.GROEP_TOEGEVOEGD,
        verwijderd=Actie.GROEP_VERWIJDERD,
    )


@receiver(m2m_changed, sender=User.user_permissions.through)
@receiver(m2m_changed, sender=Group.permissions.through)
def globale_rechten_gewijzigd(sender, instance, action, model, pk_set, **kwargs):
    _m2m_gewijzigd(
        instance,
        action,
        model,
        pk_set,
        wat="recht",
        toegevoegd=Actie.RECHT_TOEGEKEND,
        verwijderd=Actie.RECHT_INGETROKKEN,
    )


@receiver(pre_save, sender=User)
def onthoud_rolvlaggen(sender, instance, raw=False, **kwargs):
    instance._vorige_rolvlaggen = (
        None
        if raw or instance._state.adding
        else User.objects.filter(pk=instance.pk).values(*ROLVLAGGEN).first()
    )


@receiver(post_save, sender=User)
def rolvlaggen_gewijzigd(sender, instance, created, raw=False, **kwargs):
    vorige = getattr(instance, "_vorige_rolvlaggen", None)
    if raw or vorige is None:
        return
    veranderd = [
        f"{vlag}: {vorige[vlag]} → {getattr(instance, vlag)}"
        for vlag in ROLVLAGGEN
        if vorige[vlag] != getattr(instance, vlag)
    ]
    if veranderd:
        leg_vast(
            actie=Actie.ROL_GEWIJZIGD,
            resultaat="ok",
            object_soort=instance._meta.label_lower,
            object_id=str(instance.pk),
            object_omschrijving=str(instance),
            details=", ".join(veranderd),
        )
