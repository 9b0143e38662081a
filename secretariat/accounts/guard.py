"""The last line against privilege escalation, and the audit of every privilege change.

Roles are Django groups (roles.py), so whoever can write a user's `is_superuser`, `is_staff`, groups or
permissions, or a group's permissions, can make themselves kommunedirektør and approve an innstilling, which
koml. § 13-1 reserves for the kommunedirektør. The admin (admin.py) hides those fields from non-superusers;
this module refuses the write itself, on every path, whenever it happens inside a web request:

- inside a request the change is allowed only when the request's user is an active superuser (asked of the
  database, never of the in-memory user, which the request itself could have changed), or when it runs inside
  `privileged_change` (only the role service in services.py uses it, after checking its own narrower rule);
- outside a request (migrations, seed_demo, management commands, Celery, the shell, test set-up) the change
  is trusted: whoever runs those already holds the server.

Every change is audited on the user (or on the group, for a group's permissions), whatever path made it.
Not covered, as Django sends no signal for them (and no code path does them with request input):
`QuerySet.update()` of those columns, rows written straight into the auto-created through tables, raw SQL.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save

from workflows.actions import AuditAction
from workflows.engine import audit

from .roles import ROLE_LABELS, Role

# The privilege codes are members of the one enumeration of audit codes (workflows/actions.py).
PrivilegeAction = AuditAction


PRIVILEGE_ACTION_LABELS: dict[PrivilegeAction, str] = {
    PrivilegeAction.ROLE_GRANTED: "Rolle gitt",
    PrivilegeAction.ROLE_REVOKED: "Rolle fjernet",
    PrivilegeAction.SUPERUSER_GRANTED: "Gjort til superbruker",
    PrivilegeAction.SUPERUSER_REVOKED: "Superbruker fjernet",
    PrivilegeAction.STAFF_GRANTED: "Gitt tilgang til admin",
    PrivilegeAction.STAFF_REVOKED: "Tilgang til admin fjernet",
    PrivilegeAction.PERMISSIONS_GRANTED: "Rettigheter gitt",
    PrivilegeAction.PERMISSIONS_REVOKED: "Rettigheter fjernet",
}

USER_FLAGS = ("is_superuser", "is_staff")
_FLAG_NAMES = {"is_superuser": "superuser", "is_staff": "staff"}
_FLAG_ACTIONS = {
    "is_superuser": (PrivilegeAction.SUPERUSER_GRANTED, PrivilegeAction.SUPERUSER_REVOKED),
    "is_staff": (PrivilegeAction.STAFF_GRANTED, PrivilegeAction.STAFF_REVOKED),
}
_STATE_MAX = 40  # AuditEntry.from_state/to_state; the full sets are always in `changes`

_current_request: ContextVar = ContextVar("saksgang_current_request", default=None)
_privileged: ContextVar = ContextVar("saksgang_privileged_change", default=None)


@dataclass(frozen=True)
class _Privileged:
    actor: object
    reason: str


class CurrentRequestMiddleware:
    """Makes the running request known to the guard, so a model write knows who is acting."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


@contextmanager
def privileged_change(*, actor, reason: str):
    """Lets the enclosed privilege change pass the guard. Only for services that check their own rule first."""
    token = _privileged.set(_Privileged(actor=actor, reason=reason))
    try:
        yield
    finally:
        _privileged.reset(token)


def _request_user(request):
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def is_acting_superuser(user) -> bool:
    """A fresh look in the database: an in-memory `is_superuser = True` set by the request itself counts for nothing."""
    if user is None or not getattr(user, "pk", None):
        return False
    return get_user_model().objects.filter(pk=user.pk, is_active=True, is_superuser=True).exists()


def check_privilege_change(what: str) -> None:
    """Raise PermissionDenied (403, nothing saved) when a request's user may not change `what`."""
    if _privileged.get() is not None:
        return
    request = _current_request.get()
    if request is None:
        return
    if is_acting_superuser(_request_user(request)):
        return
    raise PermissionDenied(f"Bare en superbruker kan endre {what}.")


def _audit_context() -> tuple[object, str]:
    privileged = _privileged.get()
    if privileged is not None:
        return privileged.actor, privileged.reason
    request = _current_request.get()
    if request is not None:
        return _request_user(request), f"Endret via {request.path}"
    return None, ""


def _state(names) -> str:
    text = ",".join(sorted(names))
    return text if len(text) <= _STATE_MAX else text[: _STATE_MAX - 1] + "…"


def _write_audit(obj, action: PrivilegeAction, *, label: str = "", before=(), after=(), changes: dict) -> None:
    actor, comment = _audit_context()
    audit(obj, actor=actor, action=action.value, action_label=(label or PRIVILEGE_ACTION_LABELS[action])[:120],
          from_state=_state(before), to_state=_state(after), comment=comment, changes=changes)


# --- is_superuser / is_staff --------------------------------------------------------------------------------

def _user_pre_save(sender, instance, raw=False, update_fields=None, **kwargs):
    instance.__dict__.pop("_saksgang_flag_changes", None)
    if raw or (update_fields is not None and not set(update_fields) & set(USER_FLAGS)):
        return
    old = None
    if instance.pk is not None:
        old = sender._default_manager.filter(pk=instance.pk).values(*USER_FLAGS).first()
    old = old or dict.fromkeys(USER_FLAGS, False)
    changed = {f: (old[f], getattr(instance, f)) for f in USER_FLAGS if bool(old[f]) != bool(getattr(instance, f))}
    if not changed:
        return
    check_privilege_change("superbruker- og admin-tilgang")
    instance.__dict__["_saksgang_flag_changes"] = (old, changed)


def _user_post_save(sender, instance, raw=False, **kwargs):
    pending = instance.__dict__.pop("_saksgang_flag_changes", None)
    if pending is None:
        return
    old, changed = pending
    before = {_FLAG_NAMES[f] for f in USER_FLAGS if old[f]}
    for flag, (_, new) in changed.items():
        after = (before | {_FLAG_NAMES[flag]}) if new else (before - {_FLAG_NAMES[flag]})
        granted, revoked = _FLAG_ACTIONS[flag]
        _write_audit(instance, granted if new else revoked, before=before, after=after,
                     changes={flag: [bool(old[flag]), bool(new)]})
        before = after


# --- groups (roles) and permissions -------------------------------------------------------------------------

@dataclass(frozen=True)
class _Relation:
    """One many-to-many that carries privileges; `owner` is the side its audit rows are written on."""

    owner: type
    field: str
    target: type
    what: str  # Norwegian, for the refusal
    granted: PrivilegeAction
    revoked: PrivilegeAction

    @property
    def through(self):
        return getattr(self.owner, self.field).through

    def names(self, owner_pk) -> frozenset[str]:
        """What `owner_pk` holds now: group names, or permissions as "app_label.codename"."""
        query = self.owner._meta.get_field(self.field).related_query_name()
        held = self.target._default_manager.filter(**{query: owner_pk})
        if self.target is Group:
            return frozenset(held.values_list("name", flat=True))
        return frozenset(f"{a}.{c}" for a, c in held.values_list("content_type__app_label", "codename"))

    def owners(self, instance, reverse: bool, pk_set) -> list:
        if not reverse:
            return [instance.pk]
        if pk_set is not None:
            return sorted(pk_set)
        # clear() from the target side: everyone now linked to it
        return list(self.owner._default_manager.filter(**{self.field: instance.pk}).values_list("pk", flat=True))


def _relations() -> list[_Relation]:
    user = get_user_model()
    return [
        _Relation(user, "groups", Group, "roller og grupper", PrivilegeAction.ROLE_GRANTED, PrivilegeAction.ROLE_REVOKED),
        _Relation(user, "user_permissions", Permission, "rettigheter", PrivilegeAction.PERMISSIONS_GRANTED,
                  PrivilegeAction.PERMISSIONS_REVOKED),
        _Relation(Group, "permissions", Permission, "gruppers rettigheter", PrivilegeAction.PERMISSIONS_GRANTED,
                  PrivilegeAction.PERMISSIONS_REVOKED),
    ]


def _role_label(names) -> str:
    labels = [ROLE_LABELS[Role(n)] if n in Role._value2member_map_ else n for n in sorted(names)]
    return ", ".join(labels)


def _m2m_handler(relation: _Relation):
    key = f"_saksgang_pending_{relation.owner._meta.label_lower}_{relation.field}"

    def handler(sender, instance, action, reverse, model, pk_set, **kwargs):
        if action.startswith("pre_"):
            instance.__dict__.pop(key, None)
            if pk_set is not None and not pk_set:
                return  # nothing to add or remove
            check_privilege_change(relation.what)
            owners = relation.owners(instance, reverse, pk_set)
            instance.__dict__[key] = {pk: relation.names(pk) for pk in owners}
            return
        pending = instance.__dict__.pop(key, None)
        if not pending:
            return
        for owner_pk, before in pending.items():
            after = relation.names(owner_pk)
            added, removed = sorted(after - before), sorted(before - after)
            if not added and not removed:
                continue
            owner = instance if not reverse else relation.owner._default_manager.filter(pk=owner_pk).first()
            if owner is None:
                continue
            action_code = relation.granted if added else relation.revoked
            label = ""
            is_roles = relation.target is Group
            if is_roles:
                label = f"{PRIVILEGE_ACTION_LABELS[action_code]}: {_role_label(added or removed)}"
            _write_audit(owner, action_code, label=label,
                         before=before if is_roles else (), after=after if is_roles else (),
                         changes={relation.field: {"added": added, "removed": removed,
                                                   "from": sorted(before), "to": sorted(after)}})

    return handler


def _refuse_direct_write(what: str):
    def handler(sender, instance, raw=False, **kwargs):
        if not raw:
            check_privilege_change(what)

    return handler


_handlers: list = []  # strong references: the signals hold receivers weakly


def connect() -> None:
    """Called once from AccountsConfig.ready()."""
    if _handlers:
        return
    user = get_user_model()
    uid = "saksgang-privilege-guard"
    pre_save.connect(_user_pre_save, sender=user, dispatch_uid=f"{uid}-user-pre")
    post_save.connect(_user_post_save, sender=user, dispatch_uid=f"{uid}-user-post")
    for relation in _relations():
        handler = _m2m_handler(relation)
        _handlers.append(handler)
        m2m_changed.connect(handler, sender=relation.through,
                            dispatch_uid=f"{uid}-{relation.through._meta.label_lower}")
    group_write = _refuse_direct_write("grupper")
    _handlers.append(group_write)
    # Renaming or deleting a group renames or deletes a role.
    pre_save.connect(group_write, sender=Group, dispatch_uid=f"{uid}-group-save")
    pre_delete.connect(group_write, sender=Group, dispatch_uid=f"{uid}-group-delete")
