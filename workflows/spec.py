"""Workflows as data: states with their properties, transitions with roles, owner rule and typed inputs.

A `Workflow` is the one place to read "what may happen next, and who may do it". It builds the django-fsm
model mixin (so django-fsm's checks and ConcurrentTransitionMixin still apply), answers questions such as
`MEETING_WORKFLOW.states_with("held")` instead of state sets spelled out around the code, and keeps the
registry of the apps' transition handlers: the engine always runs the handler an app registered for a step,
so no path (API, staff form, service, demo) can skip a guard.

Nothing here imports an app: the apps register their handlers (`@CASE_WORKFLOW.handler("decide")`) and
name their models in inputs by label ("meetings.AgendaItem"), resolved through the app registry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models
from django_fsm import ConcurrentTransitionMixin, FSMField, FSMModelMixin, transition

from .roles import Role, has_role

# Free text a step takes (the comment, a reason): some four pages. An input stored in a shorter column declares that
# column's length (Input.max_length); the one transition adapter (secretariat/api/transitions.py) enforces both,
# so a 1 MB comment is a 400 / a form error, never a 1 MB audit row.
TEXT_MAX_LENGTH = 10_000
COMMENT_MAX_LENGTH = TEXT_MAX_LENGTH


class InputKind:
    TEXT = "text"
    DATE = "date"
    TIME = "time"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    OBJECT = "object"  # one model instance, by pk (or by `lookup`, e.g. an organization's slug)
    OBJECTS = "objects"  # a list of model instances, by pk


@dataclass(frozen=True)
class Input:
    """One typed value a transition asks for (besides the comment)."""

    name: str
    kind: str = InputKind.TEXT
    label: str = ""
    required: bool = False
    missing: str = ""  # the Norwegian message when a required value is missing
    model: str = ""  # "app_label.Model" for OBJECT/OBJECTS
    lookup: str = "pk"  # an OBJECT may also be given by this field (API: organization slug)
    help: str = ""
    max_length: int = TEXT_MAX_LENGTH  # TEXT: at most the column the text is stored in

    @property
    def missing_message(self) -> str:
        return self.missing or f"Fyll inn «{self.label or self.name}»."


@dataclass(frozen=True)
class Owner:
    """The owner rule: the object's `attr` (a user FK) may take the step, if they have `role` (None: any)."""

    attr: str
    role: Role | None = None
    label: str = ""  # shown instead of the role, e.g. "ansvarlig"

    def is_owner(self, instance, user) -> bool:
        if not getattr(user, "is_authenticated", False):
            return False
        if self.role is not None and not has_role(user, self.role):
            return False
        owner_id = getattr(instance, f"{self.attr}_id", None)
        return owner_id is not None and owner_id == getattr(user, "pk", None)


@dataclass(frozen=True)
class State:
    value: str
    properties: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    roles: tuple[Role, ...] = ()
    owner: Owner | None = None
    inputs: tuple[Input, ...] = ()
    help: str = ""
    comment_required: str = ""  # non-empty: the comment is required, and this is the message when it is missing
    handler_required: bool = False  # the owning app must register a handler (its guards and effects)

    @property
    def role_names(self) -> tuple[str, ...]:
        """Who may take the step, as shown in the diagram and in messages."""
        names = [r.value for r in self.roles]
        if self.owner is not None:
            names.insert(0, self.owner.label or (self.owner.role.value if self.owner.role else self.owner.attr))
        return tuple(dict.fromkeys(names))

    def allows(self, instance, user) -> bool:
        if has_role(user, *self.roles):
            return True
        return self.owner is not None and self.owner.is_owner(instance, user)

    def input(self, name: str) -> Input | None:
        return next((i for i in self.inputs if i.name == name), None)


@dataclass
class Workflow:
    """A lifecycle as data. `states` carry properties; `transitions` say who may move it where, with what."""

    name: str
    state_enum: type[models.TextChoices]
    states: tuple[State, ...]
    transitions: tuple[Transition, ...]
    _handlers: dict[str, Callable] = field(default_factory=dict, repr=False)
    _preconditions: dict[str, Callable] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        values = {s.value for s in self.states}
        if values != set(self.state_enum.values):
            raise ValueError(f"{self.name}: the states must be exactly {sorted(self.state_enum.values)}")
        for t in self.transitions:
            unknown = ({*t.sources, t.target} - values)
            if unknown:
                raise ValueError(f"{self.name}.{t.name}: unknown states {sorted(unknown)}")
        names = [t.name for t in self.transitions]
        if len(names) != len(set(names)):
            raise ValueError(f"{self.name}: transition names must be unique")

    # --- states -------------------------------------------------------------------------------------------
    @property
    def default(self) -> str:
        return self.states[0].value

    def state(self, value: str) -> State:
        return next(s for s in self.states if s.value == value)

    def states_with(self, *properties: str) -> frozenset[str]:
        """The states that have every one of `properties` (e.g. "held", "agenda_locked")."""
        known = {p for s in self.states for p in s.properties}
        unknown = set(properties) - known
        if unknown:
            raise KeyError(f"{self.name}: no state has the property {sorted(unknown)}")
        return frozenset(s.value for s in self.states if set(properties) <= s.properties)

    def states_without(self, *properties: str) -> frozenset[str]:
        return frozenset(s.value for s in self.states) - self.states_with(*properties)

    def is_(self, state: str, prop: str) -> bool:
        return state in self.states_with(prop)

    def label(self, state: str) -> str:
        return dict(self.state_enum.choices).get(state, state)

    # --- transitions --------------------------------------------------------------------------------------
    def may_act_on(self, instance, user) -> bool:
        """Whether `user` may take any step of this workflow on `instance` (by role or as its owner), in any state:
        one who may not is refused before their input is even read."""
        return any(t.allows(instance, user) for t in self.transitions)

    def transition(self, name: str) -> Transition | None:
        return next((t for t in self.transitions if t.name == name), None)

    def transitions_from(self, state: str) -> list[Transition]:
        return [t for t in self.transitions if state in t.sources]

    # --- the apps' handlers -------------------------------------------------------------------------------
    def handler(self, name: str) -> Callable[[Callable], Callable]:
        """Register the app's service that guards a transition and applies its effects.

        The handler is called as `handler(obj, *, actor, comment, **inputs)` by the engine, inside the
        transition's transaction and before the state changes; raising a WorkflowError stops the step and
        rolls everything back.
        """
        if self.transition(name) is None:
            raise KeyError(f"{self.name} has no transition «{name}»")

        def register(func: Callable) -> Callable:
            existing = self._handlers.get(name)
            if existing is not None and existing is not func and _qualname(existing) != _qualname(func):
                raise ValueError(f"{self.name}.{name} already has a handler: {_qualname(existing)}")
            self._handlers[name] = func
            return func

        return register

    def handler_for(self, name: str) -> Callable | None:
        return self._handlers.get(name)

    def precondition(self, name: str) -> Callable[[Callable], Callable]:
        """Register the app's rule for whether a step can be taken on this object now, beyond its state and role:
        `check(obj) -> str`, the Norwegian reason it cannot ("" when it can).

        The engine asks it both where it lists the next steps ("Hva kan skje nå", the steps its messages name) and
        before it runs the step, so a step the rules would refuse is never offered: one rule, not a guard in the
        handler and a copy in each view.
        """
        if self.transition(name) is None:
            raise KeyError(f"{self.name} has no transition «{name}»")

        def register(func: Callable) -> Callable:
            existing = self._preconditions.get(name)
            if existing is not None and existing is not func and _qualname(existing) != _qualname(func):
                raise ValueError(f"{self.name}.{name} already has a precondition: {_qualname(existing)}")
            self._preconditions[name] = func
            return func

        return register

    def unmet(self, name: str, instance) -> str:
        """Why the step `name` cannot be taken on `instance` now ("" when its precondition holds or it has none)."""
        check = self._preconditions.get(name)
        return (check(instance) or "") if check is not None else ""

    def missing_handlers(self) -> list[str]:
        return [t.name for t in self.transitions if t.handler_required and t.name not in self._handlers]

    # --- the django-fsm model mixin -----------------------------------------------------------------------
    def model_mixin(self, class_name: str, module: str, attrs: dict | None = None) -> type[models.Model]:
        """The abstract model: the FSMField `state` (column "status") and one @transition method per step."""
        namespace = {
            "__module__": module,
            "__qualname__": class_name,
            "state": FSMField("status", default=self.default, choices=self.state_enum.choices, protected=True,
                              db_index=True),
            "Meta": type("Meta", (), {"abstract": True}),
            "workflow": self,
            **(attrs or {}),
        }
        for t in self.transitions:
            namespace[t.name] = self._fsm_method(t)
        return type(class_name, (ConcurrentTransitionMixin, FSMModelMixin, models.Model), namespace)

    def _fsm_method(self, spec: Transition):
        workflow = self

        def permission(instance, user) -> bool:
            return spec.allows(instance, user)

        permission.roles = spec.role_names

        def step(self, *, actor, comment: str = "", **inputs):
            handler = workflow.handler_for(spec.name)
            if handler is not None:
                return handler(self, actor=actor, comment=comment, **inputs)
            return None

        step.__name__ = spec.name
        step.__doc__ = spec.help or spec.label
        sources = list(spec.sources) if len(spec.sources) > 1 else spec.sources[0]
        return transition(field="state", source=sources, target=spec.target, permission=permission,
                          custom={"label": spec.label, "roles": spec.role_names, "help": spec.help,
                                  "needs": tuple(i.name for i in spec.inputs)})(step)


def _qualname(func: Callable) -> str:
    return f"{getattr(func, '__module__', '')}.{getattr(func, '__qualname__', repr(func))}"


_REGISTRY: dict[str, Workflow] = {}


def register(workflow: Workflow) -> Workflow:
    _REGISTRY[workflow.name] = workflow
    return workflow


def all_workflows() -> list[Workflow]:
    return list(_REGISTRY.values())


def states(enum: type[models.TextChoices], properties: dict[str, Iterable[str]]) -> tuple[State, ...]:
    """Build the states in the enum's order from {property: [states that have it]}."""
    return tuple(
        State(value, frozenset(p for p, members in properties.items() if value in set(members)))
        for value in enum.values
    )
