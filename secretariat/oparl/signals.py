"""A deleted meeting, agenda item, membership or consultation leaves a tombstone for the OParl API."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from secretariat.cases.models import Consultation
from secretariat.meetings.models import AgendaItem, Meeting
from secretariat.organizations.models import Membership, Organization, Person

from .models import Tombstone

KINDS = {Meeting: "meeting", AgendaItem: "agendaitem", Membership: "membership", Consultation: "consultation",
         Organization: "organization", Person: "person"}


def _body_id(instance) -> int | None:
    for path in ("organization", "meeting"):
        related = getattr(instance, f"{path}_id", None)
        if related is not None:
            try:
                obj = getattr(instance, path)
            except Exception:  # noqa: BLE001 - the related row is being deleted too
                return None
            org = obj if path == "organization" else getattr(obj, "organization", None)
            return getattr(org, "body_id", None)
    return getattr(instance, "body_id", None)


def _was_published(item) -> bool:
    from secretariat import access

    try:
        return access.agenda_item_is_published(item)
    except Exception:  # noqa: BLE001 - the meeting is being deleted with it: it goes as a Meeting tombstone
        return False


@receiver(post_delete)
def leave_tombstone(sender, instance, **kwargs):
    kind = KINDS.get(sender)
    if kind is None:
        return
    if sender is AgendaItem and not _was_published(instance):
        return  # never published: OParl never showed it, so nothing to mark deleted
    Tombstone.objects.update_or_create(kind=kind, object_id=instance.pk,
                                       defaults={"body_id": _body_id(instance),
                                                 "created_at": getattr(instance, "created_at", None),
                                                 "required": {"order": instance.position} if sender is AgendaItem
                                                 else {}})
