"""Leaks the access matrix still found after issue 11's first round, each through HTTP (they must not reproduce).

- The content of a case treated behind closed doors (koml. § 11-5: kort fortalt, bakgrunn, decision text) is
  protected content: not for another saksbehandler, nor for a folkevalgt of another body, on the case page, the
  case API (detail and list), the follow-up decision page and the follow-up report (page and .docx).
- `cases:edit` refuses (403) those who may not edit a case; it does not send them back to the case page.
- The agenda and the notice of a meeting whose notice is not sent are staff only, in the API too.

Runs against the planted world of the access matrix (tests/access/world.py, its markers).
"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from .test_matrix import _client, _fetch, body_text
from .world import FAGLEDER, FV_BODY, FV_OTHER, KD, OTHER_SB, OWNER, M

CLOSED_CONTENT = (M["CLOSEDSUMMARY"], M["CLOSEDBACKGROUND"], M["CLOSEDDECISION"])


def _get(world, role: str | None, url: str):
    response = _fetch(_client(world, role), "GET", url)
    return response, body_text(response) or ""


def _shown(text: str, markers) -> list[str]:
    return [m for m in markers if m in text]


@pytest.mark.django_db
def test_closed_item_content_on_the_case_page_only_for_those_who_may_read_it(world):
    url = reverse("cases:detail", args=[world.ids["case_closed"]])
    for role in (OTHER_SB, FV_OTHER):
        response, text = _get(world, role, url)
        assert response.status_code == 200, role
        assert _shown(text, CLOSED_CONTENT) == [], role
        assert "Behandlet i lukket møte (koml. § 11-5)" in text, role  # says why, instead of an empty marking
    for role in (OWNER, FV_BODY, FAGLEDER, KD):
        response, text = _get(world, role, url)
        assert response.status_code == 200, role
        assert _shown(text, CLOSED_CONTENT) == list(CLOSED_CONTENT), role


@pytest.mark.django_db
def test_closed_item_content_in_the_case_api_only_for_those_who_may_read_it(world):
    detail = reverse("case-detail", args=[world.ids["case_closed"]])
    listing = reverse("case-list")
    for role in (OTHER_SB, FV_OTHER, None):
        for url in (detail, listing):
            response, text = _get(world, role, url)
            assert response.status_code == 200, (role, url)
            assert _shown(text, CLOSED_CONTENT) == [], (role, url)
    data = json.loads(_get(world, OTHER_SB, detail)[1])
    assert data["title"] == "Sal av tomt på Neset"  # the title of a closed item's case is not protected
    assert data["summary"] == "" and all(d["text"] == "" for c in data["consultations"] for d in c["decisions"])
    for role in (OWNER, FV_BODY, FAGLEDER):
        response, text = _get(world, role, detail)
        assert response.status_code == 200, role
        assert M["CLOSEDSUMMARY"] in text and M["CLOSEDDECISION"] in text, role
    assert M["CLOSEDSUMMARY"] in _get(world, FV_BODY, listing)[1]


@pytest.mark.django_db
def test_closed_item_decision_on_the_follow_up_pages_only_for_those_who_may_read_it(world):
    decision = reverse("followups:decision", args=[world.ids["decision_closed"]])
    response, text = _get(world, OTHER_SB, decision)
    assert response.status_code == 200
    assert M["CLOSEDDECISION"] not in text
    assert "Behandlet i lukket møte (koml. § 11-5)" in text
    for role in (OWNER, FAGLEDER, KD):
        assert M["CLOSEDDECISION"] in _get(world, role, decision)[1], role

    # The follow-up report: the page and the .docx (the complete version only for the fagleder and the
    # kommunedirektør; another saksbehandler gets the public version, without the exempt case's real title).
    protected = (M["EXEMPTTITLE"], M["CLOSEDDECISION"])
    page = reverse("followups:report", args=[world.ids["followup_report"]])
    docx = reverse("documents:download", args=["oppfolgingsrapport", world.ids["followup_report"], "docx"])
    for url in (page, docx):
        response, text = _get(world, OTHER_SB, url)
        assert response.status_code == 200, url
        assert _shown(text, protected) == [], url
        assert "Personalsak i utvalet" in text, url  # the exempt case by its public title
    response, text = _get(world, FAGLEDER, docx)
    assert response.status_code == 200
    assert _shown(text, protected) == list(protected)


@pytest.mark.django_db
def test_case_edit_refuses_those_who_may_not_edit(world):
    for name in ("case_draft", "case_draft_exempt"):
        url = reverse("cases:edit", args=[world.ids[name]])
        for role in (FV_BODY, FV_OTHER, OTHER_SB, KD):
            assert _get(world, role, url)[0].status_code == 403, (name, role)
        for role in (OWNER, FAGLEDER):
            assert _get(world, role, url)[0].status_code == 200, (name, role)
        anonymous = _get(world, None, url)[0]
        assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login")), name


@pytest.mark.django_db
def test_the_agenda_of_a_meeting_whose_notice_is_not_sent_is_staff_only_in_the_api(world):
    pk = world.ids["meeting_planned"]
    for action in ("meeting-agenda", "meeting-notice"):
        url = reverse(action, args=[pk])
        for role in (None, FV_BODY, FV_OTHER):
            response, text = _get(world, role, url)
            assert response.status_code == 404, (action, role)
            assert json.loads(text)["code"] == "not_sent"
        for role in (OWNER, OTHER_SB, FAGLEDER, KD):
            response, text = _get(world, role, url)
            assert response.status_code == 200, (action, role)
            assert M["PLANNEDTITLE"] in text, (action, role)
    # The meeting itself stays readable; once the notice is sent, its agenda is public.
    assert _get(world, None, reverse("meeting-detail", args=[pk]))[0].status_code == 200
    noticed = _get(world, None, reverse("meeting-agenda", args=[world.ids["meeting_noticed"]]))[0]
    assert noticed.status_code == 200
