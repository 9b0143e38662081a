"""Nothing exempt, closed or drafted leaks on any public surface (DOMAIN.md §3 Openness).

Seeds exempt and closed-meeting content with unique marker strings, then reads every public page,
feed, search result, iCal feed, anonymous API response and public document, and asserts no marker
appears. To cover a new public surface, add its URL to `public_urls` (or its document kind to PUBLIC_DOCUMENTS).
A public document that cannot be generated or served FAILS the test: a leak test that checked nothing is no test.
"""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from document_templates import registry
from tests.secretariat.innsyn.scenario import MARKER, SECRETS, approve_minutes, build_portal

SEARCH_WORDS = ["Hansen", "Arbeidsforholdet", "Personalopplysninger", "Forhandlingsposisjon",
                "tomtepris", "prisen", "Utkast", "UTKAST", "forretningshemmeligheter", "Oppsigelse"]
# Every public document kind, with the objects of the world that HAVE a public version (they must be served and
# generated) and those that must be withheld or anonymised (read too, but a 404 is fine there).
PUBLIC_DOCUMENTS = {
    "saksframlegg": {"served": ["public", "upcoming"], "withheld": ["exempt", "closed", "draft"]},
    "innkalling": {"served": ["past_meeting", "upcoming_meeting"], "withheld": []},
    "protokoll": {"served": ["past_meeting"], "withheld": ["upcoming_meeting"]},
    "saerutskrift": {"served": ["public_item"], "withheld": ["closed_item"]},
}
KINDS = list(PUBLIC_DOCUMENTS)


@pytest.fixture
def world(kommunestyret, saksbehandler, fagleder, kommunedirektor):
    portal = build_portal(organization=kommunestyret, officer=saksbehandler, fagleder=fagleder,
                          kommunedirektor=kommunedirektor)
    paper = portal.public.paper  # a partly exempt paper: one section is exempt
    paper.assessment = SECRETS["partly_exempt_assessment"]
    paper.exempt_sections = ["assessment"]
    paper.save()
    approve_minutes(portal.past_meeting, fagleder=fagleder)
    from secretariat.followups.models import FollowUpReport

    portal.followup_report = FollowUpReport.objects.create(
        organization=kommunestyret, period_start=portal.past_meeting.start.date().replace(day=1),
        period_end=portal.past_meeting.start.date() + dt.timedelta(days=30))
    return portal


def public_urls(world) -> list[str]:
    meetings = [world.past_meeting, world.upcoming_meeting]
    cases = [world.public, world.upcoming, world.exempt, world.closed, world.draft]
    urls = ["/innsyn/", "/innsyn/moter/", "/innsyn/moter/?organ=kommunestyret", "/innsyn/sok/",
            "/innsyn/rss/", "/innsyn/atom/", "/innsyn/slik-kan-du-pavirke/", "/innsyn/tilgjengelighet/",
            "/ical/public.ics", "/ical/organizations/kommunestyret.ics", "/innsyn/oppfolging/",
            f"/intern/oppfolging/rapport/{world.followup_report.pk}/offentlig/",
            f"/intern/oppfolging/rapport/{world.followup_report.pk}/docx/?offentlig=1"]
    for m in meetings:
        urls += [f"/innsyn/moter/{m.pk}/", f"/innsyn/moter/{m.pk}/kort-fortalt/",
                 f"/innsyn/moter/{m.pk}/kort-fortalt.txt", f"/innsyn/moter/{m.pk}/protokoll/"]
    for c in cases:
        urls.append(f"/innsyn/saker/{c.pk}/")
    for word in SEARCH_WORDS + ["Personalsak", "Sjøkanten", "barnehage", ""]:
        urls += [f"/innsyn/sok/?q={word}", f"/innsyn/sok/rss/?q={word}",
                 f"/innsyn/sok/?q={word}&status=satt_opp&organ=kommunestyret"]
    for kind, objects in PUBLIC_DOCUMENTS.items():
        for name in objects["served"] + objects["withheld"]:
            urls.append(public_document_url(kind, getattr(world, name)))
    return urls


def public_document_url(kind: str, obj) -> str:
    return f"/innsyn/dokumenter/{kind}/{obj.pk}.docx"


def served_urls(world) -> list[str]:
    """The public pages and documents that must answer 200: if one of them does not, the leak test cannot say
    anything about it, so it fails instead of quietly checking less."""
    urls = [f"/intern/oppfolging/rapport/{world.followup_report.pk}/docx/?offentlig=1"]
    for kind, objects in PUBLIC_DOCUMENTS.items():
        urls += [public_document_url(kind, getattr(world, name)) for name in objects["served"]]
    return urls


def _text_of(response) -> str:
    content_type = response.get("Content-Type", "")
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    if "wordprocessingml" in content_type:
        return docx_text(raw)
    return raw.decode("utf-8", errors="replace")


def docx_text(content: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return "\n".join(parts)


def leaks_in(text: str) -> list[str]:
    found = [secret for secret in SECRETS.values() if secret in text]
    if MARKER in text and not found:
        i = text.index(MARKER)
        found.append(text[max(0, i - 40):i + 40])
    return found


def assert_no_marker(text: str, where: str):
    found = leaks_in(text)
    assert not found, f"Hemmelig innhold lekker i {where}: {found}"


@pytest.mark.django_db
def test_no_public_page_feed_search_or_calendar_leaks(client, world):
    checked, statuses = 0, {}
    for url in public_urls(world):
        response = client.get(url)
        statuses[url] = response.status_code
        assert response.status_code < 500, url
        if response.status_code == 200:
            checked += 1
            assert_no_marker(_text_of(response), url)
    not_served = {url: statuses[url] for url in served_urls(world) if statuses.get(url) != 200}
    assert not not_served, f"Offentlige dokumenter som ikke kunne lages eller hentes (ikke sjekket): {not_served}"
    assert checked > 40


@pytest.mark.django_db
def test_the_draft_case_is_not_public_anywhere(client, world):
    assert client.get(f"/innsyn/saker/{world.draft.pk}/").status_code == 404


def _api_urls(client) -> list[str]:
    root = client.get("/api/", HTTP_ACCEPT="application/json")
    assert root.status_code == 200
    return sorted(set(root.json().values()))


@pytest.mark.django_db
def test_anonymous_api_responses_do_not_leak(client, world):
    urls = _api_urls(client)
    urls += [f"/api/cases/{c.pk}/" for c in (world.public, world.upcoming, world.exempt, world.closed, world.draft)]
    urls += [f"/api/cases/?search={w}" for w in SEARCH_WORDS]
    leaks = {}
    for url in urls:
        response = client.get(url, HTTP_ACCEPT="application/json")
        assert response.status_code < 500, url
        if response.status_code != 200:
            continue
        body = response.content.decode()
        if found := leaks_in(body):
            leaks[url] = found
        data = json.loads(body)
        # Follow one level of detail links in list responses (e.g. /api/meetings/<id>/).
        results = data.get("results", data) if isinstance(data, dict) else data
        for row in results if isinstance(results, list) else []:
            detail = row.get("url") if isinstance(row, dict) else None
            if isinstance(detail, str) and detail.startswith("http"):
                detail_response = client.get(detail, HTTP_ACCEPT="application/json")
                assert detail_response.status_code < 500, detail
                if detail_response.status_code == 200 and (found := leaks_in(detail_response.content.decode())):
                    leaks[detail] = found
    assert not leaks, "Hemmelig innhold lekker i API-et for anonyme:\n" + "\n".join(
        f"{url}: {found}" for url, found in leaks.items())


@pytest.mark.django_db
def test_generated_public_documents_do_not_leak(world):
    """The registry's public version of every kind, also for exempt and closed objects (their public version leaves
    the content out). An unknown kind or a document that cannot be generated fails (get_kind/generate raise)."""
    objects = {
        "saksframlegg": [world.public, world.upcoming, world.exempt, world.closed],
        "innkalling": [world.past_meeting, world.upcoming_meeting],
        "protokoll": [world.past_meeting],
        "saerutskrift": [world.public_item, world.closed_item],
    }
    assert set(objects) == set(PUBLIC_DOCUMENTS), "every public document kind is generated here"
    for kind, objs in objects.items():
        registry.get_kind(kind)  # UnknownKind: the kind is gone, which this test must not hide
        for obj in objs:
            doc = registry.generate(kind, obj, public=True)
            text = docx_text(bytes(doc.content))
            assert text.strip(), f"offentlig {kind} {obj.pk} er tom"
            assert_no_marker(text, f"offentlig {kind} {obj.pk}")
