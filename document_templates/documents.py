"""Saksgang's own document kinds (autodiscovered like every app's documents.py)."""

from secretariat.cases.models import Case
from secretariat.common.visibility import is_case_public, minutes_are_public
from secretariat.meetings.models import AgendaItem, Meeting

from .kinds import case_paper
from .kinds import meeting_documents as md
from .registry import DocumentKind, register

register(DocumentKind(
    name="saksframlegg", label="Saksframlegg", model=Case,
    build_context=case_paper.build_context, default_template=case_paper.default_template,
    sample_context=case_paper.sample_context, filename=case_paper.filename,
    public_allowed=is_case_public,
))
register(DocumentKind(
    name="innkalling", label="Møteinnkalling med sakskart", model=Meeting,
    build_context=md.notice_context, default_template=md.notice_template,
    sample_context=md.notice_sample_context, filename=md.meeting_filename("innkalling"),
    public_allowed=md.notice_is_public,
))
register(DocumentKind(
    name="protokoll", label="Møteprotokoll", model=Meeting,
    build_context=md.minutes_context, default_template=md.minutes_template,
    sample_context=md.minutes_sample_context, filename=md.meeting_filename("protokoll"),
    is_frozen=md.meeting_is_frozen, public_allowed=minutes_are_public,
))
register(DocumentKind(
    name="saerutskrift", label="Særutskrift", model=AgendaItem,
    build_context=md.extract_context, default_template=md.extract_template,
    sample_context=md.extract_sample_context, filename=md.extract_filename,
    is_frozen=lambda item: md.meeting_is_frozen(item.meeting),
    public_allowed=lambda item: minutes_are_public(item.meeting),
))
