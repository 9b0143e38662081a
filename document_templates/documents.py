"""Saksgang's own document kinds (autodiscovered like every app's documents.py)."""

from secretariat import access
from secretariat.cases.models import Case
from secretariat.meetings.models import AgendaItem, Meeting

from .kinds import case_paper
from .kinds import meeting_documents as md
from .registry import DocumentKind, register

register(DocumentKind(
    name="saksframlegg", label="Saksframlegg", model=Case,
    build_context=case_paper.build_context, default_template=case_paper.default_template,
    sample_context=case_paper.sample_context, filename=case_paper.filename,
    public_allowed=lambda case: access.document_is_public("saksframlegg", case),
))
register(DocumentKind(
    name="innkalling", label="Møteinnkalling med sakskart", model=Meeting,
    build_context=md.notice_context, default_template=md.notice_template,
    sample_context=md.notice_sample_context, filename=md.meeting_filename("innkalling"),
    public_allowed=lambda meeting: access.document_is_public("innkalling", meeting),
))
register(DocumentKind(
    name="protokoll", label="Møteprotokoll", model=Meeting,
    build_context=md.minutes_context, default_template=md.minutes_template,
    sample_context=md.minutes_sample_context, filename=md.meeting_filename("protokoll"),
    is_frozen=md.meeting_is_frozen, public_allowed=lambda meeting: access.document_is_public("protokoll", meeting),
))
register(DocumentKind(
    name="saerutskrift", label="Særutskrift", model=AgendaItem,
    build_context=md.extract_context, default_template=md.extract_template,
    sample_context=md.extract_sample_context, filename=md.extract_filename,
    is_frozen=lambda item: md.meeting_is_frozen(item.meeting),
    public_allowed=lambda item: access.document_is_public("saerutskrift", item),
))
