"""Vedlegg to a case paper: uploaded files, listed in the saksframlegg (services; views stay thin)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from secretariat.cases.exemptions import FORBIDDEN_FOR_POLITICAL_CASES, ExemptionBasis
from secretariat.cases.models import TITLE_MAX, Case, CaseAttachment
from secretariat.cases.services import case_can_edit
from workflows.actions import AuditAction
from workflows.engine import audit
from workflows.errors import TransitionForbidden

from .filetypes import FILE_TYPES, IMAGE_SUFFIXES, check_content

# Each suffix with the content it must have and the type it is served as: filetypes.FILE_TYPES.
ALLOWED_SUFFIXES = frozenset(FILE_TYPES)


def max_attachment_bytes() -> int:
    return getattr(settings, "SAKSGANG_ATTACHMENT_MAX_BYTES", 25 * 1024 * 1024)


def upload_errors(upload) -> dict[str, str]:
    """The one upload rule (size, type, empty file, content that matches the type, zip bomb) for every uploaded file
    a person opens later: vedlegg, receipts and attestations for godtgjøring, course materials, the kommune's logo.
    {"file": message} when refused, else {}. Reads only the start of the file (and a zip's directory); leaves the
    file at position 0."""
    if upload is None:
        return {"file": "Velg en fil å laste opp."}
    suffix = Path(upload.name).suffix.lower()
    if upload.size > max_attachment_bytes():
        return {"file": (f"Filen er {upload.size / 1024 / 1024:.1f} MB; grensen er "
                         f"{max_attachment_bytes() // (1024 * 1024)} MB.")}
    if suffix not in ALLOWED_SUFFIXES:
        return {"file": ("Filtypen er ikke tillatt. Bruk PDF, Word, Excel, PowerPoint, OpenDocument, "
                         "bilde (JPG/PNG) eller tekst.")}
    if upload.size == 0:
        return {"file": "Filen er tom."}
    # The suffix is only a claim: a colleague's browser or desktop may trust the bytes instead (an .pdf that is HTML,
    # a .png that is SVG). A zip package is also judged from its directory alone, so a zip bomb is refused before
    # any reader or converter opens it.
    try:
        check_content(upload, suffix)
    except ValidationError as exc:
        return {key: " ".join(messages) for key, messages in exc.message_dict.items()}
    return {}


def image_upload_errors(upload) -> dict[str, str]:
    """upload_errors for an image every document shows (the kommune's logo): PNG or JPEG only, never SVG."""
    if upload is not None and Path(upload.name).suffix.lower() not in IMAGE_SUFFIXES:
        return {"file": "Bruk et bilde i PNG- eller JPG-format. SVG og andre filtyper tas ikke imot."}
    return upload_errors(upload)


def attachment_add(*, actor, case: Case, upload, title: str = "", exempt: bool = False,
                   exempt_basis: str = "") -> CaseAttachment:
    if not case_can_edit(case=case, user=actor):
        raise TransitionForbidden("Du kan bare legge til vedlegg i egne saker under utredning.")
    errors = upload_errors(upload)
    title = (title or (Path(upload.name).stem if upload is not None else "")).strip()
    if len(title) > TITLE_MAX:
        errors["title"] = f"Tittelen kan ha høyst {TITLE_MAX} tegn."
    if exempt and not exempt_basis:
        errors["exempt_basis"] = "Et vedlegg unntatt offentlighet må ha en hjemmel."
    elif exempt_basis and exempt_basis not in ExemptionBasis.values:
        errors["exempt_basis"] = "Ukjent hjemmel."
    elif exempt_basis in FORBIDDEN_FOR_POLITICAL_CASES:
        errors["exempt_basis"] = "Offl. § 14 kan ikke brukes for saksdokumenter til et folkevalgt organ (offl. § 16)."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        # Lock the case row so simultaneous uploads to the same case take distinct positions.
        Case.objects.select_for_update().filter(pk=case.pk).first()
        position = (case.attachments.aggregate(p=Max("position"))["p"] or 0) + 1
        attachment = CaseAttachment.objects.create(case=case, title=title, file=upload, exempt=exempt,
                                                   exempt_basis=exempt_basis if exempt else "", position=position)
        audit(case, actor=actor, action=AuditAction.ATTACHMENT_ADDED, action_label="Vedlegg lagt til",
              comment=title, changes={"vedlegg": title})
    return attachment


def attachment_remove(*, actor, attachment: CaseAttachment) -> None:
    case = attachment.case
    if not case_can_edit(case=case, user=actor):
        raise TransitionForbidden("Du kan bare fjerne vedlegg i egne saker under utredning.")
    with transaction.atomic():
        title = attachment.title
        attachment.delete()
        audit(case, actor=actor, action=AuditAction.ATTACHMENT_REMOVED, action_label="Vedlegg fjernet", comment=title,
              changes={"vedlegg": title})
    transaction.on_commit(lambda: attachment.file.delete(save=False))
