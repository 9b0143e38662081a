"""Nothing exempt, closed or drafted leaks on any public surface (DOMAIN.md §3 Openness).

Seeds exempt and closed-meeting content with unique marker strings, then reads every public page,
feed, search result, iCal feed, anonymous API response and public document, and asserts no marker
appears. To cover a new public surface, add its URL to `public_urls` (or its document kind to KINDS).
"""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.urls import NoReverseMatch, reverse

from tests.secretariat.innsyn.scenario import MARKER, SECRETS, approve_minutes, build_portal

SEARCH_WORDS = ["Hansen", "Arbeidsforholdet", "Personalopplysninger", "Forhandlingsposisjon",
                "tomtepris", "prisen", "Utkast", "UTKAST", "forretningshemmeligheter", "Oppsigelse"]
KINDS = ["saksframlegg", "innkalling", "protokoll", "saerutskrift"]


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


def _url(name, *args):
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


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
    for kind in KINDS:
        for obj_id in [c.pk for c in cases] + [m.pk for m in meetings] + [world.public_item.pk, world.closed_item.pk]:
            urls.append(f"/innsyn/dokumenter/{kind}/{obj_id}.docx")
    return [u for u in urls if u]


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
    checked = 0
    for url in public_urls(world):
        response = client.get(url)
        assert response.status_code < 500, url
        if response.status_code == 200:
            checked += 1
            assert_no_marker(_text_of(response), url)
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
                if detail_response.status_code == 200 and (found := leaks_in(detail_response.content.decode())):
                    leaks[detail] = found
    assert not leaks, "Hemmelig innhold lekker i API-et for anonyme:\n" + "\n".join(
        f"{url}: {found}" for url, found in leaks.items())


@pytest.mark.django_db
def test_generated_public_documents_do_not_leak(world):
    registry = pytest.importorskip("document_templates.registry")
    objects = {
        "saksframlegg": [world.public, world.upcoming, world.exempt, world.closed],
        "innkalling": [world.past_meeting, world.upcoming_meeting],
        "protokoll": [world.past_meeting],
        "saerutskrift": [world.public_item, world.closed_item],
    }
    generated = 0
    for kind, objs in objects.items():
        try:
            registry.get_kind(kind)
        except registry.UnknownKind:
            continue
        for obj in objs:
            try:
                doc = registry.generate(kind, obj, public=True)
            except registry.DocumentError:
                continue  # no public version may exist (yet): nothing to leak
            generated += 1
            assert_no_marker(docx_text(bytes(doc.content)), f"offentlig {kind} {obj.pk}")
    assert generated >= 1
