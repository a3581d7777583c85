"""Optimistic locking: every editable record carries a version number.

Each save of an existing row raises the version by one, so an editor who started from an
older version can be told that someone else changed the record in the meantime.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version"}
        super().save(*args, **kwargs)
