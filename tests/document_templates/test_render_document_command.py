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
