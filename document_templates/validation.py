"""Validate and store a kommune's own .docx template: it must render with sample data, or nothing is stored."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from jinja2 import TemplateSyntaxError, UndefinedError

from secretariat.common.counters import next_in_series
from workflows.actions import AuditAction

from . import registry
from .models import DocumentTemplate, TemplateCounter
from .zipguard import check_zip, read_member, verify_members

DOCX_MAIN_PART = "word/document.xml"


def max_template_bytes() -> int:
    return getattr(settings, "SAKSGANG_TEMPLATE_MAX_BYTES", 5 * 1024 * 1024)


def _missing_field(exc: UndefinedError, context: dict) -> str:
    message = str(exc)
    m = re.search(r"has no attribute '([^']+)'", message) or re.search(r"'([^']+)' is undefined", message)
    return m.group(1) if m else message


def _undeclared(template: bytes, context: dict) -> set[str]:
    from docxtpl import DocxTemplate

    from .context import jinja_env

    tpl = DocxTemplate(io.BytesIO(template))
    return tpl.get_undeclared_template_variables(jinja_env=jinja_env(), context=context)


def validate_template(kind_name: str, maalform: str, content: bytes, *, filename: str = "") -> None:
    """Raise ValidationError({"file": message}) unless the template renders with the kind's sample data."""
    kind = registry.get_kind(kind_name)
    limit = max_template_bytes()
    if len(content) > limit:
        raise ValidationError({"file": f"Filen er {len(content) / 1024 / 1024:.1f} MB; grensen er "
                                       f"{limit / 1024 / 1024:.0f} MB."})
    if filename and not filename.lower().endswith(".docx"):
        raise ValidationError({"file": "Malen må være en Word-fil (.docx)."})
    if not zipfile.is_zipfile(io.BytesIO(content)):
        raise ValidationError({"file": "Filen er ikke en gyldig .docx (Word-dokument). Lagre malen som .docx."})
    # Size and member count from the zip's directory first, then every member through a bounded stream: only
    # then may python-docx/docxtpl (which unpack the whole package into memory) open it.
    check_zip(io.BytesIO(content))
    verify_members(io.BytesIO(content))
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            if DOCX_MAIN_PART not in names:
                raise ValidationError({"file": "Filen er ikke et Word-dokument (.docx): den mangler word/document.xml."})
            read_member(archive, archive.getinfo(DOCX_MAIN_PART))
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ValidationError({"file": f"Filen er skadet og kan ikke åpnes som .docx ({exc})."}) from None
    sample = kind.sample_context(maalform)
    try:
        unknown = _undeclared(content, sample)
    except TemplateSyntaxError as exc:
        raise ValidationError({"file": f"Malen har en feil i en flettekode (linje {exc.lineno}): {exc.message}"}) from None
    except Exception as exc:  # noqa: BLE001 - python-docx/lxml raise many kinds for a broken package
        raise ValidationError({"file": f"Filen er skadet og kan ikke åpnes som .docx ({exc.__class__.__name__})."}) from None
    if unknown:
        names = ", ".join(f"«{name}»" for name in sorted(unknown))
        raise ValidationError({"file": f"Malen bruker ukjente felt: {names}. Kjente felt er: "
                                       f"{', '.join(sorted(sample))}."})
    try:
        registry.render_template(content, sample)
    except UndefinedError as exc:
        raise ValidationError({"file": f"Malen bruker et ukjent felt: «{_missing_field(exc, sample)}». "
                                       "Sjekk stavemåten mot feltlista."}) from None
    except TemplateSyntaxError as exc:
        raise ValidationError({"file": f"Malen har en feil i en flettekode (linje {exc.lineno}): {exc.message}"}) from None
    except Exception as exc:  # noqa: BLE001
        raise ValidationError({"file": f"Malen kunne ikke fylles ut med eksempeldata: {exc}"}) from None


def next_template_version(*, kind: str, maalform: str) -> int:
    """The next version for the kind and målform. Call inside the transaction that saves the template: the counter
    row stays locked until it commits, so a concurrent upload waits and takes the version after (issue 12: taking
    max+1 of the existing rows let two uploads pick the same version and hit the unique constraint)."""
    series = {"kind": kind, "maalform": maalform}
    return next_in_series(TemplateCounter, "last_version", series=series,
                          taken=DocumentTemplate.objects.filter(**series), taken_field="version")


def template_upload(*, actor, kind: str, maalform: str, content: bytes, filename: str) -> DocumentTemplate:
    """Validate, then store as the new active version for the kind and målform (one transaction)."""
    from workflows.engine import audit

    if maalform not in ("nb", "nn"):
        raise ValidationError({"maalform": "Velg bokmål eller nynorsk."})
    try:
        registry.get_kind(kind)
    except registry.UnknownKind as exc:
        raise ValidationError({"kind": exc.message}) from None
    validate_template(kind, maalform, content, filename=filename)
    with transaction.atomic():
        template = DocumentTemplate.objects.create(
            kind=kind, maalform=maalform, version=next_template_version(kind=kind, maalform=maalform),
            filename=filename[:200], content=content,
            checksum=hashlib.sha256(content).hexdigest(), size=len(content),
            uploaded_by=actor if getattr(actor, "pk", None) else None,
        )
        audit(template, actor=actor, action=AuditAction.TEMPLATE_UPLOADED, action_label="Dokumentmal lastet opp",
              comment=f"{kind} ({maalform}) versjon {template.version}: {filename}")
    return template


def template_deactivate(*, actor, template: DocumentTemplate) -> None:
    """Stop using an uploaded template (back to the previous upload or the standard template)."""
    from workflows.engine import audit

    with transaction.atomic():
        DocumentTemplate.objects.filter(pk=template.pk).update(is_active=False)
        audit(template, actor=actor, action=AuditAction.TEMPLATE_DEACTIVATED, action_label="Dokumentmal tatt ut av bruk",
              comment=f"{template.kind} ({template.maalform}) versjon {template.version}")
