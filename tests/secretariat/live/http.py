"""Posting to the live pages as their script does (header X-Saksgang-Live: a JSON answer)."""

from django.urls import reverse

from secretariat.accounts.roles import Role
from secretariat.live.models import ElectronicVote, EVoteState
from tests.factories import UserFactory

JSON = {"X-Saksgang-Live": "1"}


def member_post(client, live, user, action, data):
    client.force_login(user)
    return client.post(reverse("live:action", args=[live.meeting.pk, action]), data, headers=JSON)


def control_post(client, live, user, action, data):
    client.force_login(user)
    return client.post(reverse("live:control", args=[live.meeting.pk, action]), data, headers=JSON)


def open_vote(client, live, fagleder, **extra):
    response = control_post(client, live, fagleder, "apne", {"proposal": live.proposal.pk, **extra})
    assert response.status_code == 200, response.json()
    return ElectronicVote.objects.get(state=EVoteState.OPEN, agenda_item__meeting=live.meeting)


def user_for(membership, username):
    """A folkevalgt log-in for the membership's person (e.g. a substitute)."""
    user = UserFactory(username=username, role=Role.FOLKEVALGT)
    membership.person.user = user
    membership.person.save(update_fields=["user"])
    return user
