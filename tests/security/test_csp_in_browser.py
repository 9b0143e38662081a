"""The Content-Security-Policy in a real browser (issue 12, part 3): Debian's Chromium loads the public front page,
meeting pages, the case editor and møtemodus with the header active, and any violation the browser reports (the
`securitypolicyviolation` event or a console message) fails the test."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

# Runs before any page script (DevTools protocol, not an inline script, so the policy does not apply to it).
LISTEN = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  const where = `${e.sourceFile}:${e.lineNumber}`;
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${where}`);
});
"""


class Watch:
    """Everything the browser said about the policy (and any script error) while a role looked at pages."""

    def __init__(self, chromium, live_server):
        self.live_server = live_server
        self.context = chromium.new_context(locale="nb-NO")
        self.context.add_init_script(LISTEN)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15000)
        self.problems: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda err: self.problems.append(f"{self.page.url}: script error: {err}"))

    def _console(self, msg):
        text = msg.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.problems.append(f"{self.page.url}: console: {text}")

    def log_in(self, username):
        self.open("/logg-inn/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", "passord-123")
        self.page.click("button[type=submit]")
        self.page.wait_for_load_state()

    def open(self, path, *, expect_text=None):
        response = self.page.goto(f"{self.live_server.url}{path}")
        assert response.status == 200, f"{path}: {response.status}"
        assert "default-src 'self'" in (response.headers.get("content-security-policy") or ""), path
        self.page.wait_for_load_state("load")
        if expect_text:
            self.page.get_by_text(expect_text).first.wait_for()
        for violation in self.page.evaluate("() => window.__cspViolations"):
            self.problems.append(f"{path}: {violation}")

    def close(self):
        self.context.close()


@pytest.fixture
def watch(chromium, live_server):
    opened = []

    def make():
        w = Watch(chromium, live_server)
        opened.append(w)
        return w

    yield make
    for w in opened:
        w.close()


def test_the_public_pages_run_without_a_policy_violation(watch, world):
    w = watch()
    w.open("/innsyn/")
    w.open(f"/innsyn/moter/{world.past_meeting.pk}/")
    w.open(f"/innsyn/moter/{world.upcoming_meeting.pk}/")
    w.open(f"/innsyn/saker/{world.public.pk}/")
    w.open("/innsyn/sok/?q=barnehage")
    assert w.problems == []


def test_the_case_editor_runs_without_a_policy_violation(watch, world, saksbehandler):
    w = watch()
    w.log_in("saksbehandler")
    w.open("/intern/saker/ny/")
    # The kort fortalt assistant (a static script) runs: it reacts to typing under the policy.
    w.page.fill("#id_summary", "Vi bygger en ny skole. Den blir fin.")
    w.page.locator("[data-testid=klarsprak-lix]").filter(has_text="LIX").wait_for()
    w.open(f"/intern/saker/{world.draft.pk}/endre/")
    w.open(f"/intern/saker/{world.draft.pk}/")
    w.open("/intern/")
    assert w.problems == []


def test_the_meeting_pages_and_motemodus_run_without_a_policy_violation(watch, world, fagleder):
    w = watch()
    w.log_in("fagleder")
    w.open(f"/intern/moter/{world.past_meeting.pk}/")
    w.open(f"/intern/moter/{world.upcoming_meeting.pk}/")
    w.open(f"/intern/moter/{world.upcoming_meeting.pk}/motemodus/")
    w.open(f"/intern/moter/{world.past_meeting.pk}/protokoll/")
    w.open("/intern/kalender/")
    assert w.problems == []


def test_the_election_timeline_is_drawn_without_style_attributes(watch, project_2025, fagleder):
    """The Gantt bars get their place from data attributes through a static script (style="" would be blocked)."""
    w = watch()
    w.log_in("fagleder")
    w.open(f"/intern/valg/{project_2025.pk}/tidslinje/")
    bars = w.page.locator(".gantt-bar")
    assert bars.count() == project_2025.tasks.count()
    placed = w.page.evaluate("() => [...document.querySelectorAll('.gantt-bar')].every("
                             "b => b.style.left.endsWith('%') && b.style.width.endsWith('%'))")
    assert placed
    assert w.problems == []


def test_the_watch_sees_a_violation(watch):
    """The detector itself: a page with an inline script and style under the site's policy is reported."""
    w = watch()
    policy = None

    def serve(route):
        route.fulfill(status=200, content_type="text/html; charset=utf-8", headers={"Content-Security-Policy": policy},
                      body="<!doctype html><html lang='nb'><title>t</title><p style='color:red'>x</p>"
                           "<script>document.title = 'inline';</script></html>")

    policy = w.page.request.get(f"{w.live_server.url}/innsyn/").headers["content-security-policy"]
    w.page.route("**/csp-selvtest/", serve)
    w.open("/csp-selvtest/")
    assert any("script-src" in p for p in w.problems), w.problems
    assert any("style-src" in p for p in w.problems), w.problems
