"""One headless Chromium (Debian's, driven by Playwright) for every browser test in a test process.

Playwright's sync API runs an event loop in the calling thread, so there must be exactly one running per
process: every browser test uses these fixtures rather than starting its own. Loaded from tests/conftest.py.
"""

import os

import pytest

from tests.components import AXE_JS, CHROMIUM, REPO_ROOT, require_axe, require_chromium  # noqa: F401 (re-exported)

BROWSER_FIXTURES = frozenset({"chromium", "page", "phone_page"})
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="session")
def chromium():
    require_chromium()  # skipped locally without Chromium, a failure in CI
    from playwright.sync_api import sync_playwright

    # Playwright's loop runs in this thread; Django's ORM refuses that unless told it is safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(locale="nb-NO")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def phone_page(chromium):
    context = chromium.new_context(locale="nb-NO", viewport={"width": 375, "height": 740}, is_mobile=True,
                                   has_touch=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def run_axe(page) -> list[dict]:
    """axe-core with the WCAG 2.0/2.1 A and AA rules on the page as it is now; returns the violations."""
    require_axe()
    # Evaluated over the DevTools protocol, not as an inline <script>: the pages' Content-Security-Policy allows no
    # inline script, and the tests run with it active (a <script> tag would be blocked and count as a violation).
    page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    return result["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = [", ".join(n["target"]) for n in v["nodes"][:3]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} – {targets}")
    return "\n".join(lines)


@pytest.hookimpl(tryfirst=True)  # before -m/-k deselect: every collected browser test is checked
def pytest_collection_modifyitems(config, items):
    """Every test that drives Chromium carries the `browser` marker, so `-m browser` / `-m "not browser"` select
    exactly the browser tests. A browser test without it is a collection error, not a silent exception."""
    unmarked = [item.nodeid for item in items
                if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())) and item.get_closest_marker("browser") is None]
    if unmarked:
        raise pytest.UsageError("Nettlesertester uten @pytest.mark.browser (legg markøren på testen eller modulens "
                                "pytestmark):\n  " + "\n  ".join(unmarked))
