"""The one public search: the page and the feed use it. Only the public text of a case is matched."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, F, OuterRef, Prefetch, Q, prefetch_related_objects

from secretariat import access
from secretariat.cases.models import Case, Consultation
from secretariat.meetings.models import AgendaItem
from workflows.case import CaseState

PUBLIC_STATE_CHOICES = [(s.value, s.label) for s in CaseState if s in access.PUBLIC_CASE_STATES]
HL_START, HL_STOP = "\x02", "\x03"


@dataclass
class SearchHit:
    case: Case
    title: str
    headline: str  # plain text with HL_START/HL_STOP around matches; rendered escaped by the template tag
    exempt_marking: str
    organizations: list


def _uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def search_cases(*, q: str = "", organization: str = "", year: int | None = None, state: str = "",
                 limit: int = 50) -> list[SearchHit]:
    """The one public search: page and feed use it. Exempt cases match only by public title.

    On PostgreSQL the words are matched against the stored, GIN-indexed vector of each case's public text
    (cases.CaseSearchText, built by the access policy), ranked, and cut to `limit` before anything else is
    read; the headline is then made for those rows only, from the same public text."""
    q = (q or "").strip()[:200]
    limit = max(1, min(int(limit), 100))
    qs = access.public_cases(Case.objects.all())
    if organization:
        qs = qs.filter(Exists(Consultation.objects.filter(case=OuterRef("pk"), organization__slug=organization)))
    if year:
        qs = qs.filter(Q(Exists(AgendaItem.objects.filter(consultation__case=OuterRef("pk"), year=year)))
                       | Q(created_at__year=year))
    if state:
        qs = qs.filter(state=state)
    if q and _uses_postgres():
        ids = list(ranked_public_cases(qs, q, limit=limit))
        order = {pk: n for n, pk in enumerate(ids)}
        rows = sorted(_with_public_text(Case.objects.filter(pk__in=ids), q), key=lambda c: order[c.pk])
    else:
        qs = _with_public_text(qs, "")
        if q:
            match = Q()
            for word in q.split():
                match &= (Q(pub_title__icontains=word) | Q(arkivsaksnummer__icontains=word)
                          | Q(pub_summary__icontains=word) | Q(pub_paper__icontains=word)
                          | Q(pub_decisions__icontains=word))
            qs = qs.filter(match).order_by("-created_at")
        else:
            qs = qs.order_by("-updated_at")
        rows = list(qs[:limit])
    prefetch_related_objects(rows, Prefetch("consultations",
                                            queryset=Consultation.objects.select_related("organization")))
    hits = []
    for case in rows:
        headline = getattr(case, "headline", None)
        if headline is None:
            headline = _mark_plain(case.pub_summary or "", q)
        hits.append(SearchHit(case=case, title=case.pub_title, headline=headline,
                              exempt_marking=case.exempt_marking,
                              organizations=[c.organization for c in case.consultations.all()]))
    return hits


def ranked_public_cases(qs, q: str, *, limit: int):
    """The ids of the best `limit` matches in `qs` (already filtered by access.public_cases), by the stored
    GIN-indexed vector of each case's public text (PostgreSQL)."""
    from django.contrib.postgres.search import SearchQuery, SearchRank

    query = SearchQuery(q, search_type="websearch", config=access.search_config())
    return (qs.filter(search_text__vector=query)
            .annotate(rank=SearchRank(F("search_text__vector"), query))
            .order_by("-rank", "-created_at").values_list("pk", flat=True)[:limit])


def _with_public_text(qs, q: str):
    """Annotate the public text of each case (the access policy's expressions); with a query on PostgreSQL also
    its headline. Only used on the rows shown (at most `limit`)."""
    texts = access.public_case_text_expressions()
    qs = access.annotate_has_closed_item(qs).annotate(
        pub_title=texts["title"], pub_summary=texts["summary"], pub_paper=texts["paper"],
        pub_decisions=texts["decisions"])
    if not (q and _uses_postgres()):
        return qs
    from django.contrib.postgres.search import SearchHeadline, SearchQuery
    from django.db.models import TextField, Value
    from django.db.models.functions import Concat

    config = access.search_config()
    query = SearchQuery(q, search_type="websearch", config=config)
    # ts_headline over the public text only: the title for an exempt case, the summary and decisions otherwise.
    text = Concat(F("pub_title"), Value(" – "), F("pub_summary"), Value(" "), F("pub_decisions"), Value(" "),
                  F("pub_paper"), output_field=TextField())
    return qs.annotate(headline=SearchHeadline(text, query, config=config, start_sel=HL_START, stop_sel=HL_STOP,
                                               max_words=35, min_words=15, max_fragments=2))


def _mark_plain(text: str, q: str) -> str:
    """SQLite fallback: mark the first occurrence of each word, case-insensitively."""
    if not text:
        return ""
    snippet = text[:300]
    for word in sorted(set(q.split()), key=len, reverse=True):
        lower = snippet.lower()
        i = lower.find(word.lower())
        if i >= 0 and HL_START not in snippet[max(0, i - 1):i + len(word) + 1]:
            snippet = snippet[:i] + HL_START + snippet[i:i + len(word)] + HL_STOP + snippet[i + len(word):]
    return snippet
