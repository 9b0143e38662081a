"""Running a transition: permission, one transaction, one audit row, side effects after commit.

Every lifecycle (case, meeting, follow-up, wedding, appointment round …) is a django-fsm model whose
@transition methods carry `custom={"label": ..., "roles": ...}`. This module is the single way any
view, API, service or command moves such an object, so the rules hold everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.dispatch import Signal
from django_fsm import ConcurrentTransition, FSMFieldMixin

from .errors import ConflictError, TransitionForbidden, TransitionNotAllowed, UnknownTransition
from .models import AuditEntry

# Sent after the transaction commits: sender=model class, instance, name, from_state, to_state, actor.
# Other apps (calendars, documents, notifications) connect here to queue their Celery tasks.
transitioned = Signal()


@dataclass(frozen=True)
class TransitionInfo:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    roles: tuple[str, ...]
    help: str = ""
    needs: tuple[str, ...] = ()  # extra inputs the transition asks for (e.g. "organization")

    def as_dict(self) -> dict:
        return {"name": self.name, "label": self.label, "target": self.target}


def state_field(model) -> FSMFieldMixin:
    for field in model._meta.fields:
        if isinstance(field, FSMFieldMixin):
            return field
    raise TypeError(f"{model.__name__} has no FSM field")


def state_label(model, state: str) -> str:
    return dict(state_field(model).choices).get(state, state)


def all_transitions(model) -> list[TransitionInfo]:
    """The workflow as data: every transition with its sources, target and who may take it."""
    field = state_field(model)
    merged: dict[str, dict] = {}
    for t in field.get_all_transitions(model):
        entry = merged.setdefault(
            t.name,
            {
                "label": t.custom.get("label", t.name),
                "sources": [],
                "target": t.target,
                "roles": tuple(t.custom.get("roles", ())),
                "help": t.custom.get("help", ""),
                "needs": tuple(t.custom.get("needs", ())),
            },
        )
        entry["sources"].append(t.source)
    return [
        TransitionInfo(name=name, label=e["label"], sources=tuple(e["sources"]), target=e["target"],
                       roles=e["roles"], help=e["help"], needs=e["needs"])
        for name, e in merged.items()
    ]


def _info(model, name: str) -> TransitionInfo | None:
    return next((t for t in all_transitions(model) if t.name == name), None)


def transitions_from(obj) -> list[TransitionInfo]:
    state = getattr(obj, state_field(type(obj)).attname)
    return [t for t in all_transitions(type(obj)) if state in t.sources or "*" in t.sources]


def available_transitions(obj, user) -> list[TransitionInfo]:
    """'Hva kan skje nå': the transitions this user may take from the current state."""
    field = state_field(type(obj))
    names = {t.name for t in getattr(obj, f"get_available_user_{field.name}_transitions")(user)}
    return [t for t in transitions_from(obj) if t.name in names]


def _labels(infos: list[TransitionInfo]) -> str:
    return ", ".join(f"«{t.label}»" for t in infos) or "ingen"


def run_transition(
    obj,
    name: str,
    *,
    actor,
    comment: str = "",
    expected_state: str | None = None,
    on_commit: Callable[[], None] | None = None,
    **kwargs,
):
    """Move `obj` by transition `name`. Raises a WorkflowError subclass with a Norwegian message."""
    model = type(obj)
    field = state_field(model)
    info = _info(model, name)
    noun = getattr(model._meta, "verbose_name", "objektet")
    if info is None:
        possible = transitions_from(obj)
        raise UnknownTransition(
            f"Ukjent steg «{name}». Mulige steg fra «{state_label(model, obj.state)}»: {_labels(possible)}.",
            current_state=getattr(obj, field.attname),
            allowed=[t.as_dict() for t in available_transitions(obj, actor)],
        )

    with transaction.atomic():
        current = getattr(obj, field.attname)
        if expected_state and current != expected_state:
            raise ConflictError(
                f"{noun.capitalize()} er endret av noen andre i mellomtiden: status er nå "
                f"«{state_label(model, current)}», ikke «{state_label(model, expected_state)}». "
                "Last siden på nytt og se om steget fortsatt er aktuelt.",
                current_state=current,
                allowed=[t.as_dict() for t in available_transitions(obj, actor)],
            )
        from_here = transitions_from(obj)
        if name not in {t.name for t in from_here}:
            raise TransitionNotAllowed(
                f"Kan ikke «{info.label}» når {noun} har status «{state_label(model, current)}». "
                f"Mulige neste steg: {_labels(from_here)}.",
                current_state=current,
                allowed=[t.as_dict() for t in available_transitions(obj, actor)],
            )
        method = getattr(obj, name)
        meta = method._django_fsm
        if not meta.has_transition_perm(obj, current, actor):
            mine = available_transitions(obj, actor)
            from secretariat.accounts.roles import ROLE_LABELS, Role

            who = ", ".join(ROLE_LABELS[Role(r)] for r in info.roles if r in Role._value2member_map_)
            raise TransitionForbidden(
                f"Du har ikke tilgang til å ta steget «{info.label}»"
                + (f" (krever rollen {who})" if who else "")
                + f". Det du kan gjøre nå: {_labels(mine)}.",
                current_state=current,
                allowed=[t.as_dict() for t in mine],
            )
        method(actor=actor, comment=comment, **kwargs)  # guards raise GuardFailed before any change
        try:
            obj.save()
        except ConcurrentTransition as exc:
            # The transaction is now marked for rollback: no more queries here.
            raise ConflictError(
                f"{noun.capitalize()} ble endret av noen andre samtidig. Ingenting av det du gjorde er lagret; "
                "last siden på nytt og se om steget fortsatt er aktuelt.",
                current_state="",
            ) from exc
        to_state = getattr(obj, field.attname)
        entry = audit(obj, actor=actor, action=name, action_label=info.label, from_state=current,
                      to_state=to_state, comment=comment)

        def _after():
            transitioned.send(sender=model, instance=obj, name=name, from_state=current,
                              to_state=to_state, actor=actor, audit_entry=entry)
            if on_commit:
                on_commit()

        transaction.on_commit(_after)
    return entry


def audit(obj, *, actor, action: str, action_label: str = "", from_state: str = "", to_state: str = "",
          comment: str = "", changes: dict | None = None) -> AuditEntry:
    """Write one audit row. Call inside the transaction that makes the change."""
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(type(obj)),
        object_id=obj.pk,
        object_repr=str(obj)[:300],
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=_actor_name(actor),
        action=action,
        action_label=action_label,
        from_state=from_state or "",
        to_state=to_state or "",
        comment=comment or "",
        changes=changes or {},
    )


def _actor_name(actor) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return "System"
    person = getattr(actor, "person", None)
    if person is not None:
        return person.name
    return actor.get_full_name() or actor.get_username()


def full_clean(obj, exclude: list[str] | None = None) -> None:
    """Model.full_clean for workflow models: the protected state field is never set from outside."""
    obj.full_clean(exclude=[*(exclude or []), state_field(type(obj)).name])
