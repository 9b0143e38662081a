"""The models the policy reads, by app label: the access policy sits below the apps (they ask it), so it
never imports them; Django's app registry hands it the model classes once the apps are loaded."""

from __future__ import annotations

from django.apps import apps


def model(label: str):
    """E.g. `model("meetings.AgendaItem")`."""
    return apps.get_model(label)
