"""OParl 1.1 (issue 14, part 1): a generic client crawls everything public from /system by following links.

Every object validates against the official schema of its type (reference/oparl-1.1/), is fetched exactly once,
answers with its own id, and carries none of the world's secret marker strings; what the public may not see is
not reachable (404, as if it did not exist).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, deque
from pathlib import Path

import jsonschema
import pytest

from secretariat.meetings.services import agenda_item_remove
from tests.secretariat.innsyn.scenario import MARKER, approve_minutes, build_portal

ROOT = Path(__file__).resolve().parent.parent.parent
SCHEMAS = {path.stem: json.loads(path.read_text()) for path in (ROOT / "reference" / "oparl-1.1").glob("*.json")}
BASE = "http://testserver"
PREFIX = BASE + "/oparl/v1.1/"


@pytest.fixture
def world(settings, kommunestyret, saksbehandler, fagleder, kommunedirektor):
    settings.SAKSGANG_BASE_URL = BASE
    portal = build_portal(organization=kommunestyret, officer=saksbehandler, fagleder=fagleder,
                          kommunedirektor=kommunedirektor)
    approve_minutes(portal.past_meeting, fagleder=fagleder)
    return portal


def validate(obj: dict) -> str:
    type_name = obj["type"].rsplit("/", 1)[-1]
    assert obj["type"] == f"https://schema.oparl.org/1.1/{type_name}"
    jsonschema.Draft4Validator(SCHEMAS[type_name]).validate(obj)
    for key in obj:  # extension fields are prefixed, never bare names OParl does not know
        assert key in SCHEMAS[type_name]["properties"] or key.startswith("saksgang:"), (type_name, key)
    return type_name


def links_in(value):
    """Every OParl URL in a value, and every embedded object (validated on the way)."""
    if isinstance(value, str):
        if value.startswith(PREFIX):
            yield value, None
    elif isinstance(value, list):
        for v in value:
            yield from links_in(v)
    elif isinstance(value, dict):
        if "type" in value and str(value["type"]).startswith("https://schema.oparl.org/"):
            yield value["id"], value
        for key, v in value.items():
            if key != "id":
                yield from links_in(v)


def crawl(client) -> tuple[dict, list[str]]:
    """Breadth-first from /system. Returns the objects by id and every response body (for the leak check)."""
    seen_urls: set[str] = set()
    objects: dict[str, dict] = {}
    fetched: Counter = Counter()
    bodies: list[str] = []
    queue = deque([PREFIX + "system"])
    while queue:
        url = queue.popleft()
        if url in seen_urls:
            continue
        seen_urls.add(url)
        response = client.get(url[len(BASE):])
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        assert response["Content-Type"].startswith("application/json")
        bodies.append(response.content.decode())
        data = response.json()
        if "data" in data and "pagination" in data:  # a list page
            for obj in data["data"]:
                validate(obj)
                for link, embedded in links_in(obj):
                    if embedded is not None:
                        validate(embedded)
                    queue.append(link)
                queue.append(obj["id"])
            if "next" in data["links"]:
                queue.append(data["links"]["next"])
            continue
        validate(data)
        assert data["id"] == url, "an object answers with its own id"
        fetched[url] += 1
        objects[url] = data
        for link, embedded in links_in(data):
            if embedded is not None:
                validate(embedded)
            queue.append(link)
    assert all(n == 1 for n in fetched.values())
    return objects, bodies


@pytest.mark.django_db
def test_a_client_crawls_everything_public_from_system(client, world):
    objects, bodies = crawl(client)
    types = Counter(o["type"].rsplit("/", 1)[-1] for o in objects.values())
    for needed in ("System", "Body", "Organization", "Person", "Membership", "Meeting", "AgendaItem", "Paper",
                   "Consultation", "File", "Location", "LegislativeTerm"):
        assert types[needed] >= 1, f"no {needed} reached: {types}"
    for text in bodies:
        assert MARKER not in text and MARKER not in json.loads(json.dumps(text))
    # The exempt case is public by its public title only; the draft is not there at all.
    assert PREFIX + f"paper/{world.exempt.pk}" in objects
    exempt = objects[PREFIX + f"paper/{world.exempt.pk}"]
    assert exempt["name"] == world.exempt.public_title and "mainFile" not in exempt
    assert PREFIX + f"paper/{world.draft.pk}" not in objects
    # The closed item: number, public title and result; no decision text, no vote details, no file.
    closed = objects[PREFIX + f"agenda-item/{world.closed_item.pk}"]
    assert closed["public"] is False and "resolutionText" not in closed and "resolutionFile" not in closed
    assert closed["saksgang:lukket"] is True
    public_item = objects[PREFIX + f"agenda-item/{world.public_item.pk}"]
    assert public_item["resolutionText"] and "20 mot 7" in public_item["saksgang:avstemningTekst"]
    assert public_item["saksgang:kortFortalt"]
    # Files carry checksums; the protokoll of the approved meeting is there.
    protocol = objects[PREFIX + f"file/protokoll/{world.past_meeting.pk}"]
    assert len(protocol["sha512Checksum"]) == 128 and protocol["size"] > 0


@pytest.mark.django_db
def test_what_is_not_public_answers_404_as_if_it_did_not_exist(client, world):
    for path in (f"paper/{world.draft.pk}", f"file/saksframlegg/{world.exempt.pk}",
                 f"file/saksframlegg/{world.closed.pk}", f"file/saerutskrift/{world.closed_item.pk}",
                 f"file/protokoll/{world.upcoming_meeting.pk}", "paper/999999", "meeting/999999", "file/hemmelig/1"):
        response = client.get("/oparl/v1.1/" + path)
        assert response.status_code == 404, path
        assert response.json()["detail"]
        assert MARKER not in response.content.decode()


@pytest.mark.django_db
def test_lists_are_paginated_with_links_next_and_filtered_by_time(client, world, monkeypatch):
    from secretariat.oparl import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    body = world.past_meeting.organization.body_id
    url = f"/oparl/v1.1/body/{body}/meetings"
    ids, pages = [], 0
    while url:
        data = client.get(url).json()
        pages += 1
        ids += [o["id"] for o in data["data"]]
        assert data["pagination"]["elementsPerPage"] == 2
        url = data["links"].get("next", "")[len(BASE):] or None
    assert len(ids) == len(set(ids)) == data["pagination"]["totalElements"] and pages == data["pagination"]["totalPages"]
    future = client.get(f"/oparl/v1.1/body/{body}/meetings?modified_since=2999-01-01T00:00:00%2B01:00").json()
    assert future["data"] == [] and future["pagination"]["totalElements"] == 0
    past = client.get(f"/oparl/v1.1/body/{body}/papers?created_since=2000-01-01").json()
    assert past["pagination"]["totalElements"] >= 3
    bad = client.get(f"/oparl/v1.1/body/{body}/meetings?modified_since=i-går")
    assert bad.status_code == 400 and "ISO 8601" in bad.json()["feil"]
    assert client.get(f"/oparl/v1.1/body/{body}/meetings?page=0").status_code == 400
    assert client.get(f"/oparl/v1.1/body/{body}/meetings?page=abc").status_code == 400


@pytest.mark.django_db
def test_a_deleted_agenda_item_stays_as_deleted_true(client, world):
    """A published item deleted (as the admin can) stays as `deleted: true`; one never published leaves no trace."""
    item = world.upcoming_meeting.agenda_items.exclude(pk=world.closed_item.pk).order_by("position").last()
    assert item.notice_sent_at, "the world's upcoming meeting has its notice out"
    item_id = item.pk
    item.recusals.all().delete()
    item.delete()
    response = client.get(f"/oparl/v1.1/agenda-item/{item_id}")
    assert response.status_code == 200
    data = response.json()
    assert data["deleted"] is True and data["id"] == PREFIX + f"agenda-item/{item_id}"
    validate(data)
    body = world.upcoming_meeting.organization.body_id
    listed = client.get(f"/oparl/v1.1/body/{body}/agenda-items").json()["data"]
    assert any(o.get("deleted") and o["id"] == data["id"] for o in listed)


@pytest.mark.django_db
def test_an_item_removed_before_the_notice_leaves_no_trace(client, world, fagleder, kommunestyret, saksbehandler,
                                                           kommunedirektor):
    from secretariat.meetings.services import agenda_item_add, meeting_create
    from tests.helpers import case_in_state

    meeting = meeting_create(actor=fagleder, organization=kommunestyret,
                             start=world.upcoming_meeting.start + dt.timedelta(days=30), location="Salen")
    case = case_in_state("klar", organization=kommunestyret, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor)
    item = agenda_item_add(actor=fagleder, meeting=meeting, case=case)
    item_id = item.pk
    agenda_item_remove(actor=fagleder, item=item)
    assert client.get(f"/oparl/v1.1/agenda-item/{item_id}").status_code == 404


@pytest.mark.django_db
def test_a_deleted_membership_stays_as_deleted_true(client, world, kommunestyret):
    from secretariat.organizations.models import Membership, MembershipRole, Person

    person = Person.objects.create(given_name="Siri", family_name="Slettesen")
    term = kommunestyret.memberships.first().term
    membership = Membership.objects.create(person=person, organization=kommunestyret, role=MembershipRole.MEMBER, term=term,
                                           start_date=dt.date(2023, 10, 1))
    pk = membership.pk
    assert client.get(f"/oparl/v1.1/membership/{pk}").json()["person"] == PREFIX + f"person/{person.pk}"
    membership.delete()
    data = client.get(f"/oparl/v1.1/membership/{pk}").json()
    assert data["deleted"] is True
    validate(data)
    assert client.get(f"/oparl/v1.1/person/{person.pk}").status_code == 404  # no seat: not a public person
