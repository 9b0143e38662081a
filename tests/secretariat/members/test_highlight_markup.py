"""A highlight marks the paper's own words and nothing else. The paper page escapes the section's text; a short
highlight («27», «mark», «amp») must not land inside what the escaping or an earlier highlight wrote (an entity such as
&#x27; for an apostrophe, or the <mark> tag itself), which would show the reader broken text and broken markup."""

import pytest
from django.urls import reverse

from secretariat.meetings.services import agenda_item_add, meeting_send_notice
from tests.helpers import case_in_state

from .conftest import client_for

SUMMARY = ("Kommunens 'plan B' for utmarka & Neset ble vedtatt 27. mai etter lang kamp. Utmarka ved Neset skal "
           "være «friområde», og kommunen kjøper utmarka. Neste steg er regulering.")


@pytest.fixture
def case(fsk, meeting_in, fagleder, saksbehandler, kommunedirektor):
    case = case_in_state("klar", organization=fsk.org, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor, title="Friområde på Neset", summary=SUMMARY)
    meeting = meeting_in(20)
    agenda_item_add(actor=fagleder, meeting=meeting, case=case)
    meeting_send_notice(actor=fagleder, meeting=meeting)
    case.refresh_from_db()
    return case


def _highlight(client, case, quote):
    response = client.post(reverse("members:note_add", args=[case.pk]), {"section": "summary", "quote": quote})
    assert response.status_code == 302, response.content.decode()


def _summary_html(client, case) -> str:
    page = client.get(reverse("members:paper", args=[case.pk])).content.decode()
    start = page.index("Kommunens")
    return page[start:page.index("regulering.", start)]


def test_a_short_highlight_does_not_break_the_escaped_apostrophe_or_ampersand(fsk, case):
    aud = client_for(fsk.aud_user)
    _highlight(aud, case, "27")
    _highlight(aud, case, "amp")  # in «kamp», and in «&amp;» once the text is escaped
    html = _summary_html(aud, case)
    assert "&#x27;plan B&#x27;" in html
    assert "utmarka &amp; Neset" in html
    assert 'vedtatt <mark class="highlight">27</mark>. mai' in html
    assert 'k<mark class="highlight">amp</mark>' in html
    assert html.count("<mark") == 2


def test_a_highlight_inside_another_words_is_not_written_into_the_earlier_mark_tag(fsk, case):
    aud = client_for(fsk.aud_user)
    _highlight(aud, case, "for utmarka & Neset ble vedtatt")
    _highlight(aud, case, "mark")  # in «utmarka», and in the <mark> tag the longer highlight wrote
    html = _summary_html(aud, case)
    assert html.count("<mark") == html.count("</mark>")
    assert '<mark class="highlight">for utmarka &amp; Neset ble vedtatt</mark>' in html
    assert "<<" not in html
    assert html.count('<mark class="highlight">mark</mark>') == 2  # utmarka, utmarka: not in the earlier highlight
