"""What the public may search: database expressions over the public text of a case only."""

from __future__ import annotations

from .app_models import model


class _TextAgg:
    """Built lazily: a portable text aggregate (string_agg on PostgreSQL, group_concat on SQLite)."""

    cls = None

    @classmethod
    def get(cls):
        if cls.cls is None:
            from django.db.models import Aggregate, TextField

            class TextAgg(Aggregate):
                function = "STRING_AGG"
                template = "%(function)s(%(expressions)s, ' ')"
                output_field = TextField()

                def as_sqlite(self, compiler, connection, **extra):
                    return super().as_sql(compiler, connection, function="GROUP_CONCAT",
                                          template="%(function)s(%(expressions)s, ' ')", **extra)

            cls.cls = TextAgg
        return cls.cls


def public_case_text_expressions() -> dict:
    """Database expressions for the text of a case the public may search (innsyn search): `title` (the
    public title for an exempt case), and `summary`, `paper` and `decisions`, which are empty for an exempt
    case or one treated in a closed session and never include exempt paper sections. Exempt content is
    therefore never matched. The queryset must be annotated by `annotate_has_closed_item` first."""
    from django.db.models import Case, F, OuterRef, Q, Subquery, TextField, Value, When
    from django.db.models.functions import Coalesce, Concat

    Decision = model("meetings.Decision")

    hidden = Q(exempt=True) | Q(has_closed_item=True)

    def content(expr):
        return Case(When(hidden, then=Value("")), default=Coalesce(expr, Value("")), output_field=TextField())

    def section(key):
        # A partly exempt paper: a section listed in exempt_sections is left out.
        return Case(When(paper__exempt_sections__icontains=f'"{key}"', then=Value("")),
                    default=Coalesce(F(f"paper__{key}"), Value("")), output_field=TextField())

    decisions = Decision.objects.filter(consultation__case=OuterRef("pk")).order_by().values("consultation__case")
    decision_text = Subquery(decisions.annotate(t=_TextAgg.get()("text")).values("t")[:1], output_field=TextField())
    paper = Concat(section("background"), Value(" "), section("assessment"), Value(" "),
                   section("economic_consequences"), Value(" "), section("recommendation"), output_field=TextField())
    return {
        "title": Case(When(exempt=True, then=F("public_title")), default=F("title"), output_field=TextField()),
        "summary": content(section("summary")),
        "paper": content(paper),
        "decisions": content(decision_text),
    }


def search_config() -> str:
    from django.conf import settings

    return getattr(settings, "SAKSGANG_SEARCH_CONFIG", "norwegian")


def public_search_vector():
    """The tsvector of a case's public text (PostgreSQL), over the annotations of `public_case_text_expressions`
    (pub_title, pub_summary, pub_paper, pub_decisions): title and archive number weigh most, the paper least."""
    from django.contrib.postgres.search import SearchVector

    config = search_config()
    return (SearchVector("pub_title", weight="A", config=config)
            + SearchVector("arkivsaksnummer", weight="A", config="simple")
            + SearchVector("pub_summary", weight="B", config=config)
            + SearchVector("pub_decisions", weight="B", config=config)
            + SearchVector("pub_paper", weight="C", config=config))


def refresh_public_search_vectors(case_ids=None) -> None:
    """Rebuild the stored search vector (cases.CaseSearchText) of these cases (all when None) from their public
    text only, in one INSERT … SELECT. Called when a case, its paper, a decision or an agenda item changes
    (secretariat/cases/signals.py), so an exemption or a closed item takes its text out of the index at once.
    PostgreSQL only: elsewhere search reads the public text directly."""
    from django.db import connection
    from django.db.models import F

    from .querysets import annotate_has_closed_item

    if connection.vendor != "postgresql":
        return
    Case = model("cases.Case")
    qs = annotate_has_closed_item(Case.objects.all()).order_by()
    if case_ids is not None:
        ids = [pk for pk in set(case_ids) if pk is not None]
        if not ids:
            return
        qs = qs.filter(pk__in=ids)
    texts = public_case_text_expressions()
    qs = qs.annotate(pub_title=texts["title"], pub_summary=texts["summary"], pub_paper=texts["paper"],
                     pub_decisions=texts["decisions"]).annotate(vec=public_search_vector())
    sql, params = qs.values_list(F("pk"), F("vec")).query.sql_with_params()
    table = model("cases.CaseSearchText")._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} (case_id, vector) {sql} "
                       "ON CONFLICT (case_id) DO UPDATE SET vector = EXCLUDED.vector", params)
