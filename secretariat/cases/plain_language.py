"""The plain-language assistant for kort fortalt (DOMAIN.md §5): length, LIX, long sentences, jargon.

LIX (läsbarhetsindex) = words / sentences + 100 × long words / words, where a long word has more than
six letters. Below 40 is the aim for text to citizens. One implementation: the editor's live panel
asks ``/intern/dokumenter/klarsprak/`` (document_templates.views), which calls ``analyse`` here,
while the saksbehandler types.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from django.conf import settings

WORD_RE = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", re.UNICODE)
SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+|\n\s*\n|\n(?=\s*[-•*]\s)")
# The starter list lives with the document templates; the secretariat extends it (JargonTerm, admin).
DATA_FILE = Path(__file__).resolve().parents[2] / "document_templates" / "data" / "klarsprak.tsv"

# Björnsson's scale (Läsbarhet, 1968), as lix.se and Swedish/Norwegian klarspråk guides print it: under 30
# very easy (children's books), 30–39 easy (fiction, popular press), 40–49 medium (ordinary newspaper text),
# 50–59 hard (official texts), 60 and over very hard (bureaucratic prose). Issue 13: the bands were 5 off.
LIX_BANDS = [  # (upper bound, label)
    (30, "svært lett"),
    (40, "lett"),
    (50, "middels"),
    (60, "vanskelig"),
    (10_000, "svært vanskelig"),
]


def lix_target() -> int:
    return getattr(settings, "SAKSGANG_LIX_TARGET", 40)


def long_sentence_words() -> int:
    return getattr(settings, "SAKSGANG_LONG_SENTENCE_WORDS", 20)


def char_limit() -> int:
    from workflows.case import summary_max_chars

    return summary_max_chars()


def lix_band(lix: float) -> str:
    for bound, label in LIX_BANDS:
        if lix < bound:
            return label
    return LIX_BANDS[-1][1]


@lru_cache(maxsize=1)
def starter_list() -> tuple[tuple[str, str], ...]:
    rows = []
    for line in DATA_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phrase, _, suggestion = line.partition("\t")
        rows.append((phrase.strip().lower(), suggestion.strip()))
    return tuple(rows)


def jargon_list() -> dict[str, str]:
    """The starter list from data/klarsprak.tsv plus the secretariat's own additions (JargonTerm)."""
    terms = dict(starter_list())
    try:
        from document_templates.models import JargonTerm

        for phrase, suggestion, active in JargonTerm.objects.values_list("phrase", "suggestion", "is_active"):
            if active:
                terms[phrase.strip().lower()] = suggestion
            else:
                terms.pop(phrase.strip().lower(), None)
    except Exception:  # noqa: BLE001 - no database (e.g. during migrate): the starter list alone
        pass
    return terms


@dataclass
class Span:
    start: int
    end: int
    kind: str            # "jargon" | "long"
    note: str = ""


@dataclass
class Analysis:
    chars: int
    limit: int
    over_limit: bool
    words: int
    sentences: int
    long_words: int
    lix: float
    lix_band: str
    lix_target: int
    lix_ok: bool
    long_sentences: list[dict] = field(default_factory=list)
    jargon: list[dict] = field(default_factory=list)
    segments: list[dict] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence that has at least one word."""
    spans, start = [], 0
    for match in SENTENCE_END_RE.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if WORD_RE.search(text[s:e])]


def lix_of(text: str) -> tuple[float, int, int, int]:
    """(lix, words, sentences, long words)."""
    words = WORD_RE.findall(text)
    if not words:
        return 0.0, 0, 0, 0
    sentences = max(len(split_sentences(text)), 1)
    long_words = sum(1 for w in words if len(w.replace("-", "").replace("'", "")) > 6)
    lix = len(words) / sentences + 100 * long_words / len(words)
    return round(lix, 1), len(words), sentences, long_words


def find_jargon(text: str, terms: dict[str, str] | None = None) -> list[Span]:
    terms = jargon_list() if terms is None else terms
    spans = []
    lowered = text.lower()
    for phrase, suggestion in terms.items():
        if not phrase:
            continue
        pattern = r"(?<![^\W\d_])" + re.escape(phrase).replace(r"\ ", r"\s+") + r"(?![^\W\d_])"
        for match in re.finditer(pattern, lowered):
            spans.append(Span(match.start(), match.end(), "jargon", suggestion))
    # Longest match wins where phrases overlap ("i henhold til" over "henhold").
    spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[Span] = []
    for span in spans:
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept


def segments(text: str, spans: list[Span]) -> list[dict]:
    """The text cut at every span boundary, each piece with the kinds that cover it (for highlighting)."""
    cuts = sorted({0, len(text), *[s.start for s in spans], *[s.end for s in spans]})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a == b:
            continue
        kinds = sorted({s.kind for s in spans if s.start <= a and s.end >= b})
        notes = [s.note for s in spans if s.kind == "jargon" and s.start <= a and s.end >= b and s.note]
        out.append({"text": text[a:b], "kinds": kinds, "note": notes[0] if notes else ""})
    return out


def analyse(text: str, *, terms: dict[str, str] | None = None) -> Analysis:
    text = (text or "").replace("\r\n", "\n")
    limit = char_limit()
    lix, words, sentences, long_words = lix_of(text)
    target = lix_target()
    max_words = long_sentence_words()
    long_spans = []
    for start, end in split_sentences(text):
        count = len(WORD_RE.findall(text[start:end]))
        if count > max_words:
            long_spans.append(Span(start, end, "long", f"{count} ord"))
    jargon_spans = find_jargon(text, terms)
    jargon: dict[str, dict] = {}
    for span in jargon_spans:
        phrase = text[span.start:span.end]
        row = jargon.setdefault(phrase.lower(), {"phrase": phrase, "suggestion": span.note, "count": 0})
        row["count"] += 1
    messages = []
    if len(text) > limit:
        messages.append(f"Teksten er {len(text)} tegn; grensen er {limit}. Den må kortes ned før saken sendes.")
    if words and lix >= target:
        messages.append(f"LIX er {lix:g} ({lix_band(lix)}). Prøv kortere setninger og kortere ord; målet er under {target}.")
    if long_spans:
        messages.append(f"{len(long_spans)} setning(er) har mer enn {max_words} ord.")
    if jargon:
        messages.append("Ord fra klarspråklista: " + ", ".join(f"«{j['phrase']}»" for j in jargon.values()) + ".")
    return Analysis(
        chars=len(text), limit=limit, over_limit=len(text) > limit, words=words, sentences=sentences,
        long_words=long_words, lix=lix, lix_band=lix_band(lix) if words else "", lix_target=target,
        lix_ok=(not words) or lix < target,
        long_sentences=[{"text": text[s.start:s.end].strip(), "words": int(s.note.split()[0])} for s in long_spans],
        jargon=list(jargon.values()),
        segments=segments(text, long_spans + jargon_spans),
        messages=messages,
    )
