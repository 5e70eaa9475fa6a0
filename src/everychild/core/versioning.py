"""Optimistic locking: no lost updates when two people edit one record.

A form carries the version of the record the user opened (core.forms.VersionedForm). The
service locks the row, refuses with EditConflict if someone saved it since, and otherwise
saves with the version moved on. See docs/decisions/0008-optimistic-locking.md.
"""

from django.db import models
from django.utils import timezone

from everychild.core.errors import DomainError, clean_or_refuse


class EditConflict(DomainError):
    """Someone saved the record after this user opened it: nothing was overwritten."""

    def __init__(self, current, message: str = ""):
        if not message:
            who = current.modified_by or "someone else"
            when = timezone.localtime(current.modified_at).strftime("%H:%M on %d %B")
            message = (
                f"{who} changed this at {when}, after you opened it. Your changes were not "
                "saved: check theirs below, then make yours again."
            )
        super().__init__(message)
        self.current = current


def locked_for_edit(model: type[models.Model], obj, version: int | None, message: str = ""):
    """The record, locked; EditConflict if someone saved it since `version` was read (with
    `message`, for a record that does not keep who changed it last)."""
    fresh = model.objects.select_for_update().get(pk=obj.pk)
    if version is not None and fresh.version != version:
        raise EditConflict(fresh, message)
    return fresh


def save_versioned(obj, by, fields: list[str]) -> None:
    """Save `fields` of a locked record, moving its version on and saying who changed it."""
    obj.version += 1
    obj.modified_by = by
    clean_or_refuse(obj)
    obj.save(update_fields=[*fields, "version", "modified_by", "modified_at"])
