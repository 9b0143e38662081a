"""Who is told: the users an e-mail or a notice goes to, chosen by the same rule as the pages they are sent to.

A recipient list built from a Django group by name (`groups__name="fagleder"`) answers a different question than
the pages: it leaves out a superuser, who has every role (workflows/roles.py `user_roles`), so a superuser fagleder
was never warned of the deadlines she alone acts on. Every recipient list asks one rule of this package (or a
workflow step's own rule) per user instead.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import get_user_model


def users_who(rule: Callable[[object], bool]) -> list:
    """The active users with an e-mail address for whom `rule(user)` holds (an access rule such as
    `can_handle_appointments`, or a workflow step's `allows`), in a stable order. Their groups are read in one
    query, so asking the rule per user costs nothing more."""
    users = (get_user_model().objects.filter(is_active=True).exclude(email="")
             .prefetch_related("groups").order_by("pk"))
    return [user for user in users if rule(user)]


def emails_of_users_who(rule: Callable[[object], bool]) -> list[str]:
    """The e-mail addresses of `users_who(rule)`, each once, sorted."""
    return sorted({user.email for user in users_who(rule)})
