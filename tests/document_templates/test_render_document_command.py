import pytest
from django.core.management import CommandError, call_command

from .conftest import SUMMARY_1, docx_text


def test_it_writes_a_docx(plain_case, tmp_path):
    out = tmp_path / "sf.docx"
    call_command("render_document", "saksframlegg", str(plain_case.pk), "--out", str(out))
    assert SUMMARY_1 in docx_text(out.read_bytes())


def test_it_writes_the_public_nynorsk_version(exempt_case, tmp_path):
    out = tmp_path / "sf.docx"
    call_command("render_document", "saksframlegg", str(exempt_case.pk), "--out", str(out), "--public",
                 "--maalform", "nn")
    text = docx_text(out.read_bytes())
    assert "Innhaldet er unnateke offentlegheit." in text
    assert "Per Persen" not in text


def test_an_unknown_kind_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Ukjent dokumenttype «vedtaksbrev»"):
        call_command("render_document", "vedtaksbrev", "1", "--out", str(tmp_path / "x.docx"))
    assert not (tmp_path / "x.docx").exists()


def test_an_unknown_id_is_a_clear_error(db, tmp_path):
    with pytest.raises(CommandError, match="Fant ingen møte med id 999999"):
        call_command("render_document", "innkalling", "999999", "--out", str(tmp_path / "x.docx"))


def test_exit_codes_from_the_shell(plain_case, tmp_path):
    """The real command line: 0 on success, non-zero with the message on stderr otherwise."""
    import os
    import subprocess
    import sys

    from django.conf import settings

    env = {**os.environ, "DATABASE_URL": os.environ.get("DATABASE_URL", "")}
    db_name = settings.DATABASES["default"]["NAME"]
    if "postgres" in settings.DATABASES["default"]["ENGINE"]:
        user = settings.DATABASES["default"].get("USER") or "postgres"
        host = settings.DATABASES["default"].get("HOST") or "127.0.0.1"
        port = settings.DATABASES["default"].get("PORT") or 5432
        env["DATABASE_URL"] = f"postgres://{user}@{host}:{port}/{db_name}"
    bad = subprocess.run([sys.executable, "manage.py", "render_document", "nokke", "1", "--out", str(tmp_path / "a.docx")],
                         capture_output=True, text=True, env=env, cwd=settings.BASE_DIR)
    assert bad.returncode != 0
    assert "Ukjent dokumenttype «nokke»" in bad.stderr


# --- --public only for the kinds that have a public version (access.has_public_version), session 22 -------------

@pytest.fixture
def wedding_report(db):
    import datetime as dt

    from django.utils import timezone

    from secretariat.weddings.models import WeddingReport

    today = timezone.localdate()
    return WeddingReport.objects.create(period_start=today - dt.timedelta(days=30), period_end=today)


@pytest.fixture
def annual_summary(folkevalgt):
    from django.utils import timezone

    from secretariat.remuneration.models import AnnualSummary
    from tests.factories import PersonFactory

    person = PersonFactory(given_name="Randi", family_name="Fjeld", user=folkevalgt)
    return AnnualSummary.objects.create(person=person, year=timezone.localdate().year)


@pytest.mark.parametrize("extra", [[], ["--store"], ["--pdf"]])
def test_a_public_version_of_a_kind_without_one_is_refused(wedding_report, annual_summary, tmp_path, extra):
    """A vielsesrapport (the couples) and an årsoppgave (one person's pay) have only their complete version: the
    command refused nothing and wrote the personal data as a «public» document (stored as public with --store)."""
    from document_templates.models import GeneratedDocument

    for kind, obj in (("vielsesrapport", wedding_report), ("godtgjoringsoppgave", annual_summary)):
        out = tmp_path / f"{kind}.docx"
        with pytest.raises(CommandError, match=f"«{kind}»\\) har ingen offentlig versjon") as refused:
            call_command("render_document", kind, str(obj.pk), "--out", str(out), "--public", *extra)
        assert "Kjør uten --public" in str(refused.value)
        assert "saksframlegg" in str(refused.value)  # it names the kinds that have one
        assert not out.exists()
    assert not GeneratedDocument.objects.exists()


def test_the_refusal_is_the_same_whatever_the_id(db, tmp_path):
    """The kind decides, not the object: an id that does not exist gets the same answer (it tells nothing)."""
    with pytest.raises(CommandError, match="har ingen offentlig versjon"):
        call_command("render_document", "vielsesrapport", "999999", "--out", str(tmp_path / "x.docx"), "--public")


def test_without_public_the_complete_report_is_still_written(wedding_report, tmp_path):
    out = tmp_path / "vielser.docx"
    call_command("render_document", "vielsesrapport", str(wedding_report.pk), "--out", str(out))
    assert out.exists() and out.stat().st_size > 0
