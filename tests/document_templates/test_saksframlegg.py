from document_templates import registry
from secretariat.cases.models import CaseAttachment

from .conftest import SUMMARY_1, SUMMARY_2, docx_text, mammoth_text


def test_kort_fortalt_comes_before_the_other_sections_in_both_readers(plain_case):
    content = registry.render("saksframlegg", plain_case, maalform="nb")
    for reader in (docx_text, mammoth_text):
        text = reader(content)
        positions = [text.index(s) for s in ("Kort fortalt", SUMMARY_1, "Bakgrunn", "Vurdering",
                                             "Økonomiske konsekvenser", "Kommunedirektørens innstilling", "Vedlegg")]
        assert positions == sorted(positions)
        assert plain_case.arkivsaksnummer in text
        assert "Formannskapet vedtar å bygge gangvegen." in text


def test_it_shows_the_utvalgssaksnummer_once_the_case_is_on_an_agenda(meeting, plain_case):
    text = docx_text(registry.render("saksframlegg", plain_case))
    assert "Utvalgssaksnummer" in text
    assert "PS 1/" in text


def test_nynorsk_variant_has_nynorsk_headings(plain_case):
    text = mammoth_text(registry.render("saksframlegg", plain_case, maalform="nn"))
    assert "Saksbehandlar" in text
    assert "Økonomiske konsekvensar" in text
    assert "Kommunedirektøren si innstilling" in text
    assert "Saksbehandler\n" not in text


def test_the_kommunes_maalform_is_the_default(plain_case):
    body = plain_case.consultations.first().organization.body
    body.maalform = "nn"
    body.save()
    assert "Saksbehandlar" in docx_text(registry.render("saksframlegg", plain_case))


def test_exempt_case_internal_version_carries_the_marking_and_the_content(exempt_case):
    text = mammoth_text(registry.render("saksframlegg", exempt_case))
    assert "Unntatt offentlighet, offl. § 13 jf. fvl. § 13" in text
    assert SUMMARY_2 in text
    assert "Sosialhjelp til Per Persen" in text


def test_public_version_of_an_exempt_case_has_only_public_title_and_marking(exempt_case):
    content = registry.render("saksframlegg", exempt_case, public=True)
    for reader in (docx_text, mammoth_text):
        text = reader(content)
        assert "Søknad om økonomisk stønad" in text
        assert "Unntatt offentlighet, offl. § 13 jf. fvl. § 13" in text
        assert "Per Persen" not in text
        assert SUMMARY_2 not in text
        assert "Søknaden innvilges" not in text


def test_public_version_leaves_out_exempt_sections_and_attachments(plain_case):
    plain_case.paper.exempt_sections = ["background"]
    plain_case.paper.save()
    CaseAttachment.objects.create(case=plain_case, title="Kart over traseen", file="vedlegg/kart.pdf")
    CaseAttachment.objects.create(case=plain_case, title="Brev fra grunneier Hansen", file="vedlegg/brev.pdf",
                                  exempt=True, exempt_basis="offl13_fvl13_1")
    internal = mammoth_text(registry.render("saksframlegg", plain_case))
    public = mammoth_text(registry.render("saksframlegg", plain_case, public=True))
    assert "Foreldre har bedt om tryggere skoleveg." in internal
    assert "Brev fra grunneier Hansen" in internal
    assert "Foreldre har bedt om tryggere skoleveg." not in public
    assert "Dette avsnittet er unntatt offentlighet." in public
    assert "Kart over traseen" in public
    assert "Brev fra grunneier Hansen" not in public
    assert SUMMARY_1 in public


def test_a_draft_without_innstilling_says_so(formannskapet, saksbehandler):
    from tests.helpers import new_case

    case = new_case(organization=formannskapet, officer=saksbehandler, recommendation="")
    assert "Innstillingen er ikke skrevet ennå." in mammoth_text(registry.render("saksframlegg", case))


def test_the_kommune_logo_and_name_are_in_the_header(plain_case, settings, tmp_path):
    import base64
    import io

    import docx
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9aw"
                           "AAAABJRU5ErkJggg==")
    body = plain_case.consultations.first().organization.body
    body.logo.save("logo.png", ContentFile(png))
    document = docx.Document(io.BytesIO(registry.render("saksframlegg", plain_case)))
    header = document.sections[0].header
    assert body.name in header.paragraphs[0].text
    assert header._element.xpath(".//pic:pic")  # the logo picture
    footer_xml = document.sections[0].footer._element.xml
    assert 'w:instr="PAGE"' in footer_xml and 'w:instr="NUMPAGES"' in footer_xml


def test_the_nynorsk_public_version_marks_the_exemption_in_nynorsk(exempt_case):
    text = mammoth_text(registry.render("saksframlegg", exempt_case, public=True, maalform="nn"))
    assert "Unnateke offentlegheit, offl. § 13 jf. fvl. § 13" in text
    assert "Innhaldet er unnateke offentlegheit." in text
    assert SUMMARY_2 not in text
