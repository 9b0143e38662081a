"""Issue 16 in a real browser: the møteleder opens a vote in møtemodus, seven members vote at once from their own
browser contexts, one of them after a dropped connection, and the public live page and møtemodus show the result
without a reload; the stored votes match. Updates keep the keyboard focus where it was and read out the speaker
and the result through one polite live region. The ASGI application is served by uvicorn (as in the demo and in
compose's `live` service) with the Redis channel layer; axe-core checks the live pages, and the public page works
with JavaScript off."""

import threading
import time

import pytest
from django.test import Client

from secretariat.live.models import ElectronicBallot
from secretariat.meetings.models import Ballot, Vote
from tests.components import REDIS_URL, require_redis
from tests.conftest import free_port
from tests.secretariat.live.conftest import live  # noqa: F401 (fixture)
from tests.secretariat.meetings.conftest import fsk, klar_case, meeting, parties  # noqa: F401 (fixtures)

from .conftest import describe, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

CHOICES = {"anna": "for", "anders": "for", "aud": "for", "henrik": "mot", "hanne": "for", "sigrid": "mot",
           "svein": "for"}


@pytest.fixture
def asgi_server(settings):
    """uvicorn in a thread of this process (so it uses the test database), websockets on the Redis layer."""
    require_redis()
    import uvicorn

    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels_redis.core.RedisChannelLayer",
                                           "CONFIG": {"hosts": [REDIS_URL], "prefix": "saksgang-test-browser"}}}
    from secretariat.asgi import application

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(application, host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="off", ws="websockets-sansio", timeout_graceful_shutdown=1))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn startet ikke"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)
    # The server's worker threads kept their database connections; end them so the test database can be dropped.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE datname = current_database() AND pid <> pg_backend_pid()")


def logged_in_page(chromium, base, user):
    client = Client()
    client.force_login(user)
    context = chromium.new_context(locale="nb-NO")
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base}])
    page = context.new_page()
    page.set_default_timeout(15000)
    return page


def wait_live(page):
    page.locator("[data-live-status]", has_text="(direkte)").first.wait_for()


def test_seven_members_vote_at_once_and_everyone_sees_the_result_without_reload(chromium, asgi_server, fagleder,
                                                                                 live):  # noqa: F811
    base, meeting = asgi_server, live.meeting  # noqa: F811
    public = chromium.new_context(locale="nb-NO").new_page()
    public.goto(f"{base}/innsyn/moter/{meeting.pk}/direkte/")
    wait_live(public)
    public.evaluate("() => { window.__sammeSide = true; }")  # gone if the page reloads
    assert "Budsjett" in public.locator("#live-state").inner_text()

    chair = logged_in_page(chromium, base, fagleder)
    chair.goto(f"{base}/intern/moter/{meeting.pk}/motemodus/")
    wait_live(chair)
    chair.evaluate("() => { window.__sammeSide = true; }")
    members = {}
    for key in CHOICES:
        members[key] = logged_in_page(chromium, base, live.users[key])
        members[key].goto(f"{base}/intern/direkte/{meeting.pk}/")
        wait_live(members[key])

    # Aud has moved the keyboard to «Be om ordet»; the updates that follow must not take it away.
    aud = members["aud"]
    aud.get_by_role("button", name="Be om ordet (innlegg)").focus()
    aud.evaluate("() => { document.activeElement.sammeKnapp = 'ja'; }")  # a property: not in the HTML
    chair.get_by_role("button", name="Åpne avstemning").click()
    for page in members.values():
        page.get_by_role("button", name="Stem for").wait_for()
    public.locator("#live-state").get_by_text("Avstemning pågår").wait_for()
    # Only the vote's part was replaced: the focused button is the very same element.
    assert aud.evaluate("() => document.activeElement.sammeKnapp") == "ja"
    # Anna asks for the floor and the møteleder gives it to her: Aud's speaker list is replaced twice, and the
    # keyboard is on «Be om ordet» in the new one; the public hears who has the floor, in the one live region.
    members["anna"].get_by_role("button", name="Be om ordet (innlegg)").click()
    aud.locator("#live-state .live-queue").get_by_text("Anna Fsk").wait_for()
    chair.get_by_role("button", name="Gi ordet").click()
    aud.locator("#live-state .live-speaking").get_by_text("Anna Fsk").wait_for()
    public.locator("[data-live-announce]", has_text="Har ordet: Anna Fsk").wait_for(state="attached")
    focused = aud.evaluate("() => [document.activeElement.textContent.trim(), "
                           "document.activeElement.closest('#live-state') !== null, "
                           "document.activeElement.sammeKnapp || '']")
    assert focused == ["Be om ordet (innlegg)", True, ""]  # the same control, in the replaced part
    for page, box in ((public, "#live-state"), (chair, "#live-control-state"), (aud, "#live-state")):
        assert page.locator(f"{box} [aria-live], {box} [role=status], {box}[aria-live]").count() == 0

    # Svein's connection drops during the vote; the page reconnects by itself and gets the current state.
    svein = members["svein"]
    svein.evaluate("() => window.saksgangLive[0].socket.close()")
    # Everyone votes at once: the clicks go out without waiting for any answer.
    for key, page in members.items():
        page.get_by_role("button", name="Stem for" if CHOICES[key] == "for" else "Stem mot").click(no_wait_after=True)
    for page in members.values():
        page.get_by_text("Du har stemt").wait_for()
    wait_live(svein)
    # A second cast from the reconnected page (as a stale form would send it) is refused: the vote counts once.
    evote_id = ElectronicBallot.objects.values_list("vote_id", flat=True).first()
    csrf = next(c["value"] for c in svein.context.cookies() if c["name"] == "csrftoken")
    again = svein.request.post(f"{base}/intern/direkte/{meeting.pk}/handling/stem/",
                               form={"vote": str(evote_id), "choice": "mot", "csrfmiddlewaretoken": csrf},
                               headers={"X-Saksgang-Live": "1", "Referer": f"{base}/intern/direkte/{meeting.pk}/"})
    assert again.status == 400 and "allerede stemt" in again.json()["error"]

    chair.locator(".live-count").get_by_text("7", exact=True).first.wait_for()
    assert "Avgitt: 7 av 7" in chair.locator(".live-count").inner_text()
    chair.get_by_role("button", name="Avslutt avstemningen").click()
    result = "Innstillingen ble vedtatt med 5 mot 2 stemmer"
    public.locator("#live-state").get_by_text(result).wait_for()
    public.locator("[data-live-announce]", has_text=result).wait_for(state="attached")
    chair.locator("#live-control-state").get_by_text(result).wait_for()
    members["aud"].locator("#live-state").get_by_text(result).wait_for()
    assert public.evaluate("() => window.__sammeSide === true")  # no reload
    assert chair.evaluate("() => window.__sammeSide === true")
    assert "H: 0 for, 1 mot" in public.locator(".live-results").inner_text()  # per party

    vote = Vote.objects.get(agenda_item=live.first)
    stored = dict(Ballot.objects.filter(vote=vote).values_list("membership_id", "choice"))
    assert stored == {getattr(live.fsk.m, key).pk: choice for key, choice in CHOICES.items()}
    assert ElectronicBallot.objects.filter(vote__result=vote).count() == 7

    for page in (public, members["aud"], chair):  # møtemodus with the live panel too
        violations = run_axe(page)
        assert not violations, describe(violations)

    # JavaScript off: the public page still shows the result and reloads itself.
    no_js = chromium.new_context(locale="nb-NO", java_script_enabled=False).new_page()
    no_js.goto(f"{base}/innsyn/moter/{meeting.pk}/direkte/")
    assert result in no_js.locator("#live-state").inner_text()
    assert no_js.locator("meta[http-equiv='refresh']").count() == 1
    assert no_js.get_by_role("link", name="Oppdater siden").is_visible()
    for page in (public, chair, no_js, *members.values()):
        page.context.close()
