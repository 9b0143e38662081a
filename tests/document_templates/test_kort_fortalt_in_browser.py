"""The kort fortalt assistant in a real headless Chromium: LIX and the character count change while typing."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # the `chromium` fixture requires Chromium (fails in CI without)


@pytest.mark.django_db(transaction=True)
def test_lix_and_jargon_update_while_the_saksbehandler_types(live_server, page, saksbehandler, formannskapet):
    page.goto(f"{live_server.url}/logg-inn/")
    page.fill("input[name=username]", "saksbehandler")
    page.fill("input[name=password]", "passord-123")
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/intern/saker/ny/")

    page.fill("#id_summary", "Vi bygger en ny skole. Den blir fin.")
    lix = page.locator("[data-testid=klarsprak-lix]")
    # Playwright's expect, not wait_for_function: the page's CSP (no 'unsafe-eval') refuses a predicate string.
    expect(page.locator("[data-testid=klarsprak-chars]")).to_have_text(re.compile(r"^36 /"))
    easy = lix.text_content()
    assert "LIX" in easy and "lett" in easy

    page.type("#id_summary", " Kommunestyret iverksetter omfattende infrastrukturinvesteringer vedrørende "
                             "utdanningssektoren.", delay=5)
    expect(lix).not_to_contain_text("lett")
    assert lix.text_content() != easy
    assert page.locator("mark.klarsprak-jargon", has_text="iverksetter").count() == 0  # not on the list as such
    assert page.locator("mark.klarsprak-jargon", has_text="vedrørende").count() == 1
    assert "klarsprak-bad" in lix.get_attribute("class")
