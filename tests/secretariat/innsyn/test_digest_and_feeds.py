import xml.etree.ElementTree as ET

from django.urls import reverse
from django.utils import formats, timezone

from .scenario import PUBLIC_DECISION, SECRETS


def test_digest_page_has_the_headline_kort_fortalt_and_copy_text(client, portal):
    meeting = portal.upcoming_meeting
    day = formats.date_format(timezone.localtime(meeting.start), "j. F")
    page = client.get(reverse("innsyn:digest", args=[meeting.pk])).content.decode()
    assert f"Dette skal kommunestyret behandle {day}" in page
    assert "Biblioteket får åpent til klokka 21" in page
    assert 'id="nyhetsbrev"' in page and 'id="sosiale-medier"' in page
    assert SECRETS["exempt_summary"] not in page


def test_digest_text_is_plain_text_ready_to_paste(client, portal):
    response = client.get(reverse("innsyn:digest_text", args=[portal.upcoming_meeting.pk]))
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert text.startswith("Dette skal kommunestyret behandle")
    assert "Personalsak" in text and SECRETS["exempt_title"] not in text


def test_rss_feed_lists_new_decisions(client, portal):
    response = client.get(reverse("innsyn:feed_rss"))
    root = ET.fromstring(response.content)
    titles = [t.text for t in root.iter("title")]
    assert any(t.startswith("Vedtak:") and "barnehage" in t for t in titles)
    assert PUBLIC_DECISION in response.content.decode()
    assert SECRETS["closed_decision"] not in response.content.decode()


def test_atom_feed_lists_published_agendas(client, portal, fagleder):
    response = client.get(reverse("innsyn:feed_atom"))
    root = ET.fromstring(response.content)
    ns = "{http://www.w3.org/2005/Atom}"
    titles = [e.find(f"{ns}title").text for e in root.iter(f"{ns}entry")]
    assert any(t.startswith("Saksliste: Dette skal kommunestyret behandle") for t in titles)
    assert SECRETS["exempt_summary"] not in response.content.decode()
