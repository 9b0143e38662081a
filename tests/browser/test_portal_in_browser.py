"""The Done-when of issue 7, in a real browser: find the next meeting, read kort fortalt, open the papers,
follow a video moment, search, read "Slik kan du påvirke" — by keyboard too — and axe-core finds no
WCAG 2.0/2.1 A/AA violations on any public page type."""

import re

import pytest

from .conftest import describe, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_calendar_to_meeting_to_case_to_document(page, live_server, world):
    page.goto(f"{live_server.url}/innsyn/")
    page.get_by_role("link", name="Møtekalender", exact=True).click()
    page.get_by_role("heading", name="Møtekalender").wait_for()
    page.locator(f"a[href='/innsyn/moter/{world.past_meeting.pk}/']").first.click()
    page.get_by_role("heading", name="Saksliste").wait_for()
    assert "Kommunen vil bygge en ny barnehage" in page.content()
    video = page.locator(f"#sak-{world.public_item.pk} a.video-link")
    assert video.get_attribute("href") == "https://www.youtube.com/watch?v=fjordvikks&t=754"
    page.locator(f"#sak-{world.public_item.pk}").get_by_role("link", name=re.compile("^Hele saken")).click()
    page.get_by_role("heading", name="Ny barnehage på Nordneset").wait_for()
    assert page.url.endswith(f"/innsyn/saker/{world.public.pk}/")
    doc_link = page.locator("a[href$='.docx']").first
    href = doc_link.get_attribute("href")
    response = page.request.get(f"{live_server.url}{href}")
    assert response.status == 200
    assert "wordprocessingml" in response.headers["content-type"]


def test_search_finds_the_case_and_highlights_the_word(page, live_server, world):
    page.goto(f"{live_server.url}/innsyn/sok/")
    page.get_by_label("Søkeord").fill("barnehager")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Søkeresultat").wait_for()
    assert "1 sak funnet" in page.get_by_role("status").inner_text()
    result = page.get_by_role("link", name="Ny barnehage på Nordneset")
    assert result.get_attribute("href") == f"/innsyn/saker/{world.public.pk}/"
    assert page.locator("mark").count() >= 1


def test_keyboard_only_skip_link_and_navigation(page, live_server, world):
    page.goto(f"{live_server.url}/innsyn/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.textContent.trim()")
    assert focused == "Hopp til hovedinnhold"
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # visible focus
    page.keyboard.press("Enter")
    assert page.url.endswith("#hovedinnhold")
    # From the top, Tab through the links until "Slik kan du påvirke" has focus, then follow it with Enter.
    page.goto(f"{live_server.url}/innsyn/")
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent.trim()") == "Slik kan du påvirke":
            break
    else:
        pytest.fail("«Slik kan du påvirke» ble ikke nådd med Tab")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Slik kan du påvirke", level=1).wait_for()
    assert "Randi Fjeld" in page.content()
    assert "trengs 100 underskrifter" in page.content()


def test_keyboard_reaches_the_video_moment_of_a_past_item(page, live_server, world):
    page.goto(f"{live_server.url}/innsyn/moter/{world.past_meeting.pk}/")
    for _ in range(40):
        page.keyboard.press("Tab")
        href = page.evaluate("() => document.activeElement.getAttribute('href') || ''")
        if "t=754" in href:
            break
    else:
        pytest.fail("Videolenken ble ikke nådd med Tab")


def _public_pages(world):
    return {
        "forside": "/innsyn/",
        "møtekalender": "/innsyn/moter/",
        "møte (holdt, med lukket sak)": f"/innsyn/moter/{world.past_meeting.pk}/",
        "møte (kommende, med unntatt sak)": f"/innsyn/moter/{world.upcoming_meeting.pk}/",
        "kort fortalt": f"/innsyn/moter/{world.upcoming_meeting.pk}/kort-fortalt/",
        "protokoll": f"/innsyn/moter/{world.past_meeting.pk}/protokoll/",
        "sak": f"/innsyn/saker/{world.public.pk}/",
        "unntatt sak": f"/innsyn/saker/{world.exempt.pk}/",
        "søk": "/innsyn/sok/",
        "søkeresultat": "/innsyn/sok/?q=barnehage",
        "søk uten treff": "/innsyn/sok/?q=ingentingher",
        "slik kan du påvirke": "/innsyn/slik-kan-du-pavirke/",
        "tilgjengelighetserklæring": "/innsyn/tilgjengelighet/",
        "oppfølging av vedtak": "/innsyn/oppfolging/",
        "fast godtgjøring": "/innsyn/godtgjoring/",
    }


def test_every_public_page_type_has_no_wcag_violations(page, live_server, world):
    failures = []
    for name, path in _public_pages(world).items():
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert page.evaluate("() => document.documentElement.lang") == "nb"
        violations = run_axe(page)
        if violations:
            failures.append(f"{name} ({path}):\n{describe(violations)}")
    assert not failures, "\n\n".join(failures)


def test_pages_work_on_a_phone_without_sideways_scrolling(phone_page, live_server, world):
    for path in ("/innsyn/", f"/innsyn/moter/{world.past_meeting.pk}/", "/innsyn/sok/?q=barnehage"):
        phone_page.goto(f"{live_server.url}{path}")
        overflow = phone_page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, path
        assert run_axe(phone_page) == [], path
