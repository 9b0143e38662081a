"""Running a transition: permission, one transaction, one audit row, side effects after commit.

Every lifecycle (case, meeting, follow-up, wedding, appointment round …) is a `Workflow` (workflows/spec.py)
whose generated django-fsm @transition methods call the handler the owning app registered. This module is
the single way any view, API, service or command moves such an object, so the rules hold everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.dispatch import Signal
from django_fsm import ConcurrentTransition, FSMFieldMixin

from .actions import AuditAction
from .errors import ConflictError, GuardFailed, TransitionForbidden, TransitionNotAllowed, UnknownTransition
from .models import AuditEntry
from .roles import ROLE_LABELS, Role
from .spec import Transition, Workflow

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


@dataclass
class Outcome:
    """What a handler may hand back to the engine: a result for the caller (e.g. the new agenda item), the
    audit comment when the caller gave none, and the changes to record on the audit row."""

    result: Any = None
    comment: str = ""
    changes: dict = field(default_factory=dict)


def workflow_of(model) -> Workflow:
    spec = getattr(model, "workflow", None)
    if not isinstance(spec, Workflow):
        raise TypeError(f"{model.__name__} has no workflow")
    return spec


def state_field(model) -> FSMFieldMixin:
    for f in model._meta.fields:
        if isinstance(f, FSMFieldMixin):
            return f
    raise TypeError(f"{model.__name__} has no FSM field")


def state_label(model, state: str) -> str:
    return dict(state_field(model).choices).get(state, state)


def _info(t: Transition) -> TransitionInfo:
    return TransitionInfo(name=t.name, label=t.label, sources=tuple(str(s) for s in t.sources), target=str(t.target),
                          roles=t.role_names, help=t.help, needs=tuple(i.name for i in t.inputs))


def all_transitions(model) -> list[TransitionInfo]:
    """The workflow as data: every transition with its sources, target and who may take it."""
    return [_info(t) for t in workflow_of(model).transitions]


def transitions_from(obj) -> list[TransitionInfo]:
    """The steps from the object's state whose precondition (if the app registered one) holds now."""
    workflow = workflow_of(type(obj))
    state = getattr(obj, state_field(type(obj)).attname)
    return [_info(t) for t in workflow.transitions_from(state) if not workflow.unmet(t.name, obj)]


def available_transitions(obj, user) -> list[TransitionInfo]:
    """'Hva kan skje nå': the transitions this user may take from the current state."""
    field_ = state_field(type(obj))
    names = {t.name for t in getattr(obj, f"get_available_user_{field_.name}_transitions")(user)}
    return [t for t in transitions_from(obj) if t.name in names]


def _labels(infos: list[TransitionInfo]) -> str:
    return ", ".join(f"«{t.label}»" for t in infos) or "ingen"


def _missing(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list | tuple | set):
        return not value
    return False


def run_transition(
    obj,
    name: str,
    *,
    actor,
    comment: str = "",
    expected_state: str | None = None,
    on_commit: Callable[[], None] | None = None,
    **inputs,
):
    """Move `obj` by transition `name`: the one way anything moves a workflow object.

    In one transaction: the expected-state check, the source state, the role (or owner) check, the declared
    inputs and the comment, the app's precondition (spec.Workflow.precondition), then the app's handler (guards and
    effects, registered with the workflow), the state change, one audit row; the `transitioned` signal and
    `on_commit` run after commit. Raises a WorkflowError subclass with a Norwegian message. Returns the audit row,
    with `.result` set to what the handler handed back.
    """
    model = type(obj)
    workflow = workflow_of(model)
    field_ = state_field(model)
    spec = workflow.transition(name)
    noun = getattr(model._meta, "verbose_name", "objektet")
    comment = comment or ""
    if spec is None:
        possible = transitions_from(obj)
        raise UnknownTransition(
            f"Ukjent steg «{name}». Mulige steg fra «{state_label(model, obj.state)}»: {_labels(possible)}.",
            current_state=getattr(obj, field_.attname),
            allowed=[t.as_dict() for t in available_transitions(obj, actor)],
        )
    unknown = set(inputs) - {i.name for i in spec.inputs}
    if unknown:
        raise TypeError(f"{workflow.name}.{name} takes no input {sorted(unknown)}")
    if spec.handler_required and workflow.handler_for(name) is None:
        raise ImproperlyConfigured(f"{workflow.name}.{name} has no handler: the app must register one")

    with transaction.atomic():
        current = getattr(obj, field_.attname)
        if expected_state and current != expected_state:
            raise ConflictError(
                f"{noun.capitalize()} er endret av noen andre i mellomtiden: status er nå "
                f"«{state_label(model, current)}», ikke «{state_label(model, expected_state)}». "
                "Last siden på nytt og se om steget fortsatt er aktuelt.",
                current_state=current,
                allowed=[t.as_dict() for t in available_transitions(obj, actor)],
            )
        if current not in spec.sources:
            raise TransitionNotAllowed(
                f"Kan ikke «{spec.label}» når {noun} har status «{state_label(model, current)}». "
                f"Mulige neste steg: {_labels(transitions_from(obj))}.",
                current_state=current,
                allowed=[t.as_dict() for t in available_transitions(obj, actor)],
            )
        method = getattr(obj, name)
        if not method._django_fsm.has_transition_perm(obj, current, actor):
            mine = available_transitions(obj, actor)
            who = ", ".join(ROLE_LABELS.get(Role(r), r) if r in Role._value2member_map_ else r
                            for r in spec.role_names)
            raise TransitionForbidden(
                f"Du har ikke tilgang til å ta steget «{spec.label}»"
                + (f" (krever rollen {who})" if who else "")
                + f". Det du kan gjøre nå: {_labels(mine)}.",
                current_state=current,
                allowed=[t.as_dict() for t in mine],
            )
        for declared in spec.inputs:
            if declared.required and _missing(inputs.get(declared.name)):
                raise GuardFailed(declared.missing_message, field=declared.name)
        if spec.comment_required and not comment.strip():
            raise GuardFailed(spec.comment_required, field="comment")
        # The app's precondition, the same rule that keeps the step out of the lists above.
        unmet = workflow.unmet(name, obj)
        if unmet:
            raise GuardFailed(unmet, current_state=current,
                              allowed=[t.as_dict() for t in available_transitions(obj, actor)])
        # The handler's guards raise before any change; its effects run in this same transaction.
        outcome = method(actor=actor, comment=comment, **inputs)
        try:
            obj.save()
        except ConcurrentTransition as exc:
            # The transaction is now marked for rollback: no more queries here.
            raise ConflictError(
                f"{noun.capitalize()} ble endret av noen andre samtidig. Ingenting av det du gjorde er lagret; "
                "last siden på nytt og se om steget fortsatt er aktuelt.",
                current_state="",
            ) from exc
        to_state = getattr(obj, field_.attname)
        if not isinstance(outcome, Outcome):
            outcome = Outcome(result=outcome)
        entry = audit(obj, actor=actor, action=name, action_label=spec.label, from_state=current,
                      to_state=to_state, comment=comment or outcome.comment, changes=outcome.changes)

        def _after():
            transitioned.send(sender=model, instance=obj, name=name, from_state=current,
                              to_state=to_state, actor=actor, audit_entry=entry)
            if on_commit:
                on_commit()

        transaction.on_commit(_after)
    entry.result = outcome.result
    return entry


def _known_action(obj, action: str) -> bool:
    if action in AuditAction._value2member_map_:
        return True
    workflow = getattr(type(obj), "workflow", None)
    return isinstance(workflow, Workflow) and workflow.transition(action) is not None


def audit(obj, *, actor, action: AuditAction | str, action_label: str = "", from_state: str = "", to_state: str = "",
          comment: str = "", changes: dict | None = None) -> AuditEntry:
    """Write one audit row. Call inside the transaction that makes the change.

    `action` is an AuditAction, or the name of one of the object's workflow transitions."""
    if not _known_action(obj, action):
        raise ValueError(f"Unknown audit action «{action}»: add it to workflows.actions.AuditAction")
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
