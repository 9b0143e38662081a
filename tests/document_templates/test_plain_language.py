import pytest
from django.urls import reverse

from document_templates.models import JargonTerm
from secretariat.cases.plain_language import analyse, lix_band, lix_of


def test_lix_is_words_per_sentence_plus_the_share_of_long_words():
    # 6 words, 2 sentences, 2 long words (> 6 letters): 6/2 + 100*2/6 = 36.3
    lix, words, sentences, long_words = lix_of("Kommunen bygger skolen. Barnehagen blir stor.")
    assert (words, sentences, long_words) == (6, 2, 2)
    assert lix == 36.3


def test_lix_band_and_target():
    easy = analyse("Vi bygger en ny skole. Den blir fin. Barna får mer plass.")
    assert easy.lix_ok and easy.lix_band in ("svært lett", "lett")
    hard = analyse("Kommunestyret iverksetter omfattende infrastrukturinvesteringer vedrørende utdanningssektoren.")
    assert not hard.lix_ok
    assert any("LIX" in m for m in hard.messages)


def test_it_flags_sentences_longer_than_twenty_words():
    long = " ".join(["ord"] * 25) + "."
    a = analyse(f"Kort setning. {long}")
    assert [s["words"] for s in a.long_sentences] == [25]
    assert any("long" in seg["kinds"] for seg in a.segments)


def test_it_finds_jargon_from_the_starter_list_with_suggestions():
    a = analyse("I henhold til planen skal vi iverksette tiltak vedrørende vegen.")
    phrases = {j["phrase"].lower(): j["suggestion"] for j in a.jargon}
    assert phrases["i henhold til"] == "etter"
    assert "iverksette" in phrases and "vedrørende" in phrases
    assert "".join(seg["text"] for seg in a.segments) == "I henhold til planen skal vi iverksette tiltak vedrørende vegen."


def test_it_does_not_match_jargon_inside_other_words():
    assert not analyse("Samtalen gikk bra.").jargon  # "samt" is on the list


def test_the_secretariat_can_extend_the_list(db):
    JargonTerm.objects.create(phrase="tjenesteyting", suggestion="tjenester")
    assert analyse("God tjenesteyting.").jargon[0]["suggestion"] == "tjenester"
    JargonTerm.objects.create(phrase="samt", is_active=False)  # and switch a starter word off
    assert not analyse("Epler samt pærer.").jargon


def test_over_the_character_limit_is_warned(settings):
    settings.SAKSGANG_SUMMARY_MAX_CHARS = 50
    a = analyse("x" * 60)
    assert a.over_limit and a.limit == 50
    assert "grensen er 50" in a.messages[0]


def test_the_editor_endpoint_returns_the_analysis(client, saksbehandler):
    client.force_login(saksbehandler)
    response = client.post(reverse("documents:plain_language"), {"text": "Vi skal iverksette tiltak."})
    assert response.status_code == 200
    data = response.json()
    assert data["words"] == 4 and data["jargon"][0]["phrase"] == "iverksette"


def test_the_editor_page_has_the_live_assistant(client, saksbehandler, plain_case):
    plain_case_draft = plain_case  # noqa: F841 - any case page; the create page is enough
    client.force_login(saksbehandler)
    body = client.get(reverse("cases:create")).content.decode()
    assert 'id="klarsprak-panel"' in body
    assert "kort_fortalt.js" in body


@pytest.mark.parametrize(("lix", "band"), [
    (0, "svært lett"), (29.9, "svært lett"), (30, "lett"), (39.9, "lett"), (40, "middels"), (49.9, "middels"),
    (50, "vanskelig"), (59.9, "vanskelig"), (60, "svært vanskelig"), (85, "svært vanskelig"),
])
def test_lix_bands_follow_bjornssons_scale(lix, band):
    """Björnsson: < 30 very easy, 30–39 easy, 40–49 medium, 50–59 hard, ≥ 60 very hard (issue 13: 5 points off)."""
    assert lix_band(lix) == band


def test_the_editor_panel_shows_the_band_for_a_text_at_lix_36(client, saksbehandler):
    # 6 words, 2 sentences, 2 long words: LIX 36.3 is «lett» on Björnsson's scale (it said «middels»).
    client.force_login(saksbehandler)
    response = client.post(reverse("documents:plain_language"),
                           {"text": "Kommunen bygger skolen. Barnehagen blir stor."})
    assert response.status_code == 200
    data = response.json()
    assert data["lix"] == 36.3 and data["lix_band"] == "lett"
