"""Who may run the term's work: the politisk sekretariat (fagleder). One place, asked by services and views."""

from __future__ import annotations

from secretariat.access import is_secretariat
from workflows.errors import TransitionForbidden

REFUSAL = "Bare politisk sekretariat (fagleder) kan gjøre dette."


def may_run_term(user) -> bool:
    return is_secretariat(user)


def require_fagleder(actor) -> None:
    """`actor` None is a management command (whoever runs it already holds the server)."""
    if actor is not None and not may_run_term(actor):
        raise TransitionForbidden(REFUSAL)
