from document_templates import registry

from .conftest import SUMMARY_1, SUMMARY_2, SUMMARY_3, docx_text, mammoth_text


def test_notice_lists_items_in_agenda_order_then_the_papers_in_the_same_order(meeting):
    content = registry.render("innkalling", meeting)
    for reader in (docx_text, mammoth_text):
        text = reader(content)
        assert text.index("Møteinnkalling") < text.index("Saksliste")
        listing = [text.index(title) for title in ("Gangveg langs Skolevegen", "Sosialhjelp til Per Persen",
                                                     "Tomtekjøp på Nesset")]
        assert listing == sorted(listing)
        papers = [text.index(summary) for summary in (SUMMARY_1, SUMMARY_2, SUMMARY_3)]
        assert papers == sorted(papers)
        assert max(listing) < min(papers)
        assert "Kommunestyresalen" in text


def test_each_paper_in_the_sakskart_starts_with_kort_fortalt(meeting):
    text = mammoth_text(registry.render("innkalling", meeting))
    first_paper = text[text.index("Sakskart – PS 1/"):]
    assert first_paper.index("Kort fortalt") < first_paper.index(SUMMARY_1) < first_paper.index("Bakgrunn")


def test_public_notice_leaves_out_exempt_and_closed_content(meeting):
    content = registry.render("innkalling", meeting, public=True)
    for reader in (docx_text, mammoth_text):
        text = reader(content)
        assert SUMMARY_1 in text
        assert SUMMARY_2 not in text and "Per Persen" not in text
        assert "Søknad om økonomisk stønad" in text
        assert "Unntatt offentlighet, offl. § 13" in text
        assert SUMMARY_3 not in text
        assert "Lukket møte, koml. § 11-5" in text


def test_nynorsk_notice(meeting):
    text = mammoth_text(registry.render("innkalling", meeting, maalform="nn"))
    assert "Stad" in text
    assert "Forfall må meldast" in text
    assert "Saksbehandlar" in text
