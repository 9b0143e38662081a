"""The kommunedirektør's dashboard: open follow-ups, overdue first, filters, counts per unit and body."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from secretariat.followups.services import followup_transition

from ...helpers import case_in_state


@pytest.fixture
def spread(make_followup, other_unit, saksbehandler, formannskapet, fagleder, kommunedirektor):
    """Kommunestyret: one due later, one overdue, one done; formannskapet (authoritative): one overdue."""
    later = make_followup(days=20, description="Senere frist.")
    overdue = make_followup(days=-4, description="Forsinket tiltak.")
    done = make_followup(days=-10, description="Ferdig tiltak.")
    followup_transition(followup=done, name="start", actor=saksbehandler)
    followup_transition(followup=done, name="complete", actor=saksbehandler)
    case = case_in_state("vedtatt", organization=formannskapet, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor)
    fsk_decision = case.current_consultation.decisions.get()
    fsk = make_followup(days=-1, decision=fsk_decision, unit=other_unit, description="Formannskapets tiltak.")
    return {"later": later, "overdue": overdue, "done": done, "fsk": fsk}


def test_dashboard_lists_open_followups_overdue_first(client, kommunedirektor, spread):
    client.force_login(kommunedirektor)
    response = client.get(reverse("followups:dashboard"))
    assert response.status_code == 200
    rows = [f for f, _title in response.context["rows"]]
    # Overdue ones first (by deadline), then the rest; completed ones are not open.
    assert rows == [spread["overdue"], spread["fsk"], spread["later"]]
    html = response.content.decode()
    assert html.index("Forsinket tiltak.") < html.index("Formannskapets tiltak.") < html.index("Senere frist.")
    assert "Ferdig tiltak." not in html


def test_dashboard_counts_per_unit_and_per_body(client, kommunedirektor, spread):
    client.force_login(kommunedirektor)
    counts = client.get(reverse("followups:dashboard")).context["counts"]
    assert {(r["name"], r["total"], r["overdue"]) for r in counts["per_unit"]} == {
        ("Kommunalteknikk", 2, 1), ("Helse og omsorg", 1, 1)}
    assert {(r["name"], r["total"], r["overdue"]) for r in counts["per_body"]} == {
        ("Kommunestyret", 2, 1), ("Formannskapet", 1, 1)}
    assert (counts["total"], counts["overdue"]) == (3, 2)


def test_the_body_is_stored_on_the_followup_and_counted_without_the_decisions(client, kommunedirektor, spread,
                                                                              kommunestyret, formannskapet):
    """The service stores the decision's body on the follow-up; the counts per body and the body filter read it
    there: one aggregate over the follow-up table (and the 25-odd bodies), never a join to every decision."""
    assert {k: f.organization for k, f in spread.items()} == {
        "later": kommunestyret, "overdue": kommunestyret, "done": kommunestyret, "fsk": formannskapet}
    for f in spread.values():
        f.refresh_from_db()
        assert f.organization_id == f.decision.consultation.organization_id
    client.force_login(kommunedirektor)
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("followups:dashboard"), {"organization": "formannskapet"})
    per_body = [q["sql"] for q in ctx.captured_queries
                if 'AS "total"' in q["sql"] and '"organizations_organization"."slug"' in q["sql"].split("FROM")[0]]
    assert len(per_body) == 1
    assert "meetings_decision" not in per_body[0] and "cases_consultation" not in per_body[0]


@pytest.mark.parametrize(("params", "expected"), [
    ({"organization": "formannskapet"}, ["fsk"]),
    ({"status": "forsinket"}, ["overdue", "fsk"]),
    ({"status": "fullfort"}, ["done"]),
    ({"status": "alle"}, ["overdue", "fsk", "done", "later"]),
])
def test_dashboard_filters(client, kommunedirektor, spread, params, expected):
    client.force_login(kommunedirektor)
    rows = [f for f, _ in client.get(reverse("followups:dashboard"), params).context["rows"]]
    if params.get("status") == "alle":
        assert set(rows) == {spread[k] for k in expected}
        assert rows[:2] == [spread["overdue"], spread["fsk"]]
    else:
        assert rows == [spread[k] for k in expected]


def test_dashboard_filters_by_unit(client, kommunedirektor, spread, other_unit):
    client.force_login(kommunedirektor)
    rows = [f for f, _ in client.get(reverse("followups:dashboard"), {"unit": other_unit.pk}).context["rows"]]
    assert rows == [spread["fsk"]]


def test_dashboard_filters_by_term(client, kommunedirektor, spread, body):
    import datetime as dt

    from secretariat.organizations.models import LegislativeTerm

    now = LegislativeTerm.objects.create(body=body, name="Nå", start_date=dt.date(2000, 1, 1),
                                         end_date=dt.date(2100, 1, 1))
    old = LegislativeTerm.objects.create(body=body, name="Gammel", start_date=dt.date(1990, 1, 1),
                                         end_date=dt.date(1993, 12, 31))
    client.force_login(kommunedirektor)
    assert len(client.get(reverse("followups:dashboard"), {"term": now.pk}).context["rows"]) == 3
    assert len(client.get(reverse("followups:dashboard"), {"term": old.pk}).context["rows"]) == 0


def test_the_dashboard_is_for_staff(client, folkevalgt):
    client.force_login(folkevalgt)
    assert client.get(reverse("followups:dashboard")).status_code == 403


def test_the_case_page_shows_its_followups_and_the_legality_clock(client, fagleder, decided_case, followup):
    client.force_login(fagleder)
    html = client.get(reverse("cases:detail", args=[decided_case.pk])).content.decode()
    assert "Vedtaksoppfølging" in html
    assert followup.description in html
    assert "Lovlighetskontroll kan kreves til og med" in html


def test_the_dashboard_comes_a_page_at_a_time_in_the_same_order(client, kommunedirektor, spread, monkeypatch):
    from secretariat.followups import selectors

    monkeypatch.setattr(selectors, "FOLLOWUPS_PER_PAGE", 2)
    client.force_login(kommunedirektor)
    first = client.get(reverse("followups:dashboard"), {"status": "apne"})
    assert [f for f, _ in first.context["rows"]] == [spread["overdue"], spread["fsk"]]
    assert first.context["counts"]["total"] == 3  # the counts are for every page
    assert 'href="?status=apne&amp;side=2"' in first.content.decode()
    second = client.get(reverse("followups:dashboard"), {"status": "apne", "side": 2})
    assert [f for f, _ in second.context["rows"]] == [spread["later"]]
    # A page number out of range gives the last page, not an error.
    assert [f for f, _ in client.get(reverse("followups:dashboard"), {"side": "99"}).context["rows"]] == [
        spread["later"]]
