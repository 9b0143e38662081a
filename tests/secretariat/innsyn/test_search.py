from django.urls import reverse

from secretariat.innsyn.selectors import HL_START, search_cases

from .scenario import SECRETS


def test_search_finds_a_case_by_a_word_in_its_kort_fortalt_and_highlights_it(client, portal):
    page = client.get(reverse("innsyn:search"), {"q": "barnehage"}).content.decode()
    assert reverse("innsyn:case", args=[portal.public.pk]) in page
    assert "<mark>" in page


def test_search_uses_norwegian_stemming(portal):
    # "barnehagen" in the text is found by "barnehager" (norwegian snowball stemmer on PostgreSQL).
    hits = search_cases(q="barnehager")
    assert [h.case.pk for h in hits] == [portal.public.pk]
    assert HL_START in hits[0].headline


def test_search_finds_decision_text(portal):
    assert portal.public.pk in [h.case.pk for h in search_cases(q="vedtar")]


def test_exempt_case_is_searchable_only_by_public_title(portal):
    assert portal.exempt.pk in [h.case.pk for h in search_cases(q="Personalsak")]
    for word in ("HEMMELIGXQZTITTEL", "Arbeidsforholdet", "Personalopplysninger", "Hansen"):
        assert search_cases(q=word) == [], word


def test_closed_and_draft_content_is_never_found(portal):
    for word in ("Forhandlingsposisjon", "tomtepris", "godtar prisen", "HEMMELIGXQZUTKAST"):
        assert search_cases(q=word) == [], word
    # The closed case's title is public, so it is found by that.
    assert portal.closed.pk in [h.case.pk for h in search_cases(q="Sjøkanten")]


def test_search_filters_by_body_year_and_status(portal, formannskapet):
    year = portal.past_meeting.start.year
    assert portal.public.pk in [h.case.pk for h in search_cases(q="barnehage", organization="kommunestyret")]
    assert search_cases(q="barnehage", organization="formannskapet") == []
    assert portal.public.pk in [h.case.pk for h in search_cases(q="barnehage", year=year)]
    assert search_cases(q="barnehage", year=1999) == []
    assert portal.public.pk in [h.case.pk for h in search_cases(q="barnehage", state="vedtatt")]
    assert search_cases(q="barnehage", state="satt_opp") == []


def test_search_feed_uses_the_same_results(client, portal):
    response = client.get(reverse("innsyn:search_feed"), {"q": "barnehage"})
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/rss+xml")
    assert f"/innsyn/saker/{portal.public.pk}/" in body
    assert SECRETS["exempt_summary"] not in body


def test_search_with_odd_input_does_not_fail(client, portal):
    for q in ['"', "&|!", "a" * 500, "or -", "ÆØÅ <script>"]:
        assert client.get(reverse("innsyn:search"), {"q": q, "ar": "x"}).status_code == 200
