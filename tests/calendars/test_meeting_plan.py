"""The meeting-plan generator: holidays skipped, bad rules refused, draft adjusted, exported and published."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from calendars import services
from calendars.models import MeetingPlan, PlanState, SchoolHoliday
from calendars.planner import RuleSpec, generate_dates
from secretariat.meetings.models import Meeting
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db

# 2027: Easter Sunday is 28 March (Skjærtorsdag 25 March); 17 May is a Monday.


def rule(**overrides):
    data = {"weekday": 0, "interval_weeks": 1, "start_time": dt.time(18), "first_date": dt.date(2027, 1, 1),
            "last_date": dt.date(2027, 12, 31)}
    data.update(overrides)
    return RuleSpec(**data)


def test_17_may_is_skipped_as_a_public_holiday():
    dates = {d.date: d.skipped_reason for d in generate_dates(rule(weekday=0))}
    assert "Grunnlovsdag" in dates[dt.date(2027, 5, 17)]
    assert dates[dt.date(2027, 5, 10)] == ""


def test_easter_days_are_skipped():
    thursdays = {d.date: d.skipped_reason for d in generate_dates(rule(weekday=3))}
    mondays = {d.date: d.skipped_reason for d in generate_dates(rule(weekday=0))}
    assert "Skjærtorsdag" in thursdays[dt.date(2027, 3, 25)]
    assert "Andre påskedag" in mondays[dt.date(2027, 3, 29)]
    assert thursdays[dt.date(2027, 4, 1)] == ""


def test_a_given_autumn_break_is_skipped(body):
    autumn = SchoolHoliday.objects.create(body=body, name="Høstferie", start_date=dt.date(2027, 10, 4),
                                          end_date=dt.date(2027, 10, 8))
    dates = {d.date: d.skipped_reason for d in generate_dates(rule(weekday=2), [autumn])}
    assert dates[dt.date(2027, 10, 6)] == "Skoleferie: Høstferie"
    assert dates[dt.date(2027, 10, 13)] == ""


def test_the_interval_and_explicit_skip_dates_are_followed():
    dates = generate_dates(rule(weekday=1, interval_weeks=3, first_date=dt.date(2027, 1, 1),
                                last_date=dt.date(2027, 3, 31), skip_dates=(dt.date(2027, 1, 26),)))
    assert [d.date for d in dates] == [dt.date(2027, 1, 5), dt.date(2027, 1, 26), dt.date(2027, 2, 16),
                                       dt.date(2027, 3, 9), dt.date(2027, 3, 30)]
    assert dates[1].skipped_reason == "Hoppet over etter ønske"


@pytest.mark.parametrize("overrides,field", [
    ({"interval_weeks": 0}, "interval_weeks"),
    ({"first_date": dt.date(2027, 6, 1), "last_date": dt.date(2027, 5, 1)}, "last_date"),
    ({"weekday": 7}, "weekday"),
])
def test_bad_rules_are_refused_with_a_message_per_field(overrides, field):
    with pytest.raises(ValidationError) as exc:
        generate_dates(rule(**overrides))
    assert field in exc.value.message_dict


def make_plan(fagleder, organization, **overrides):
    data = {"year": 2027, "weekday": 1, "interval_weeks": 4, "start_time": dt.time(18),
            "location": "Kommunestyresalen"}
    data.update(overrides)
    return services.plan_generate(actor=fagleder, organization=organization, **data)


def test_a_plan_is_drafted_adjusted_and_published_as_meetings_in_one_go(fagleder, formannskapet):
    plan = make_plan(fagleder, formannskapet)
    dates = list(plan.dates.filter(skipped_reason="").order_by("date"))
    assert len(dates) == 13
    services.plan_date_move(actor=fagleder, planned=dates[0], date=dt.date(2027, 1, 7))
    services.plan_date_delete(actor=fagleder, planned=dates[-1])
    services.plan_date_add(actor=fagleder, plan=plan, date=dt.date(2027, 12, 16))
    meetings = services.plan_publish(actor=fagleder, plan=plan)
    assert len(meetings) == 13
    starts = sorted(Meeting.objects.filter(organization=formannskapet).values_list("start", flat=True))
    assert starts[0].date() == dt.date(2027, 1, 7)
    assert starts[-1].date() == dt.date(2027, 12, 16)
    plan.refresh_from_db()
    assert plan.state == PlanState.PUBLISHED
    assert AuditEntry.for_object(plan).filter(action="moteplan_publisert").exists()
    with pytest.raises(ValidationError, match="publisert"):
        services.plan_publish(actor=fagleder, plan=plan)
    with pytest.raises(ValidationError, match="publisert"):
        services.plan_date_add(actor=fagleder, plan=plan, date=dt.date(2027, 12, 20))


def test_publishing_is_all_or_nothing(fagleder, formannskapet, monkeypatch):
    plan = make_plan(fagleder, formannskapet)
    from calendars import services as calendar_services

    real = calendar_services.meeting_create
    calls = {"n": 0}

    def failing(**kwargs):
        calls["n"] += 1
        if calls["n"] == 5:
            raise ValidationError({"start": "Tenkt feil midt i publiseringen."})
        return real(**kwargs)

    monkeypatch.setattr(calendar_services, "meeting_create", failing)
    with pytest.raises(ValidationError):
        services.plan_publish(actor=fagleder, plan=plan)
    assert Meeting.objects.filter(organization=formannskapet).count() == 0
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT


def test_the_draft_page_shows_a_calendar_and_refuses_a_bad_rule_clearly(client, fagleder, formannskapet):
    client.force_login(fagleder)
    response = client.post("/intern/kalender/", {
        "organization": formannskapet.pk, "year": 2027, "weekday": 1, "interval_weeks": 0, "start_time": "18:00",
        "duration_minutes": 180, "first_date": "2027-06-01", "last_date": "2027-05-01", "location": "Salen",
        "skip_public_holidays": "on"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Intervallet må være minst 1 uke" in html
    assert not MeetingPlan.objects.exists()
    response = client.post("/intern/kalender/", {
        "organization": formannskapet.pk, "year": 2027, "weekday": 0, "interval_weeks": 1, "start_time": "18:00",
        "duration_minutes": 180, "first_date": "2027-06-01", "last_date": "2027-05-01", "location": "Salen"})
    assert "Siste dato (01.05.2027) er før første dato (01.06.2027)" in response.content.decode()
    response = client.post("/intern/kalender/", {
        "organization": formannskapet.pk, "year": 2027, "weekday": 0, "interval_weeks": 2, "start_time": "18:00",
        "duration_minutes": 180, "skip_dates": "17.13.2027", "location": "Salen"})
    assert "«17.13.2027» er ikke en dato" in response.content.decode()
    response = client.post("/intern/kalender/", {
        "organization": formannskapet.pk, "year": 2027, "weekday": 0, "interval_weeks": 1, "start_time": "18:00",
        "duration_minutes": 180, "location": "Salen", "skip_public_holidays": "on"}, follow=True)
    html = response.content.decode()
    assert "plan-month" in html and "Grunnlovsdag" in html


def test_only_fagleder_may_draft_or_publish(client, saksbehandler, fagleder, formannskapet):
    plan = make_plan(fagleder, formannskapet)
    client.force_login(saksbehandler)
    assert client.post(f"/intern/kalender/moteplan/{plan.pk}/publiser/").status_code == 403
    assert client.get(f"/intern/kalender/moteplan/{plan.pk}/").status_code == 200


def test_the_draft_moves_and_publishes_through_the_staff_pages(client, fagleder, formannskapet):
    plan = make_plan(fagleder, formannskapet)
    first = plan.dates.filter(skipped_reason="").order_by("date").first()
    client.force_login(fagleder)
    client.post(f"/intern/kalender/moteplan/{plan.pk}/dato/{first.pk}/",
                {"action": "move", "date": "2027-01-08", "start_time": "17:00"})
    first.refresh_from_db()
    assert (first.date, first.start_time) == (dt.date(2027, 1, 8), dt.time(17))
    response = client.post(f"/intern/kalender/moteplan/{plan.pk}/dato/{first.pk}/", {"action": "move", "date": "x"},
                           follow=True)
    assert "Oppgi en gyldig dato" in response.content.decode()
    response = client.post(f"/intern/kalender/moteplan/{plan.pk}/publiser/", follow=True)
    assert "Møteplanen er publisert: 13 møter" in response.content.decode()


def test_the_draft_is_exported_as_docx_for_kommunestyrets_decision(client, fagleder, formannskapet):
    plan = make_plan(fagleder, formannskapet)
    client.force_login(fagleder)
    response = client.get(f"/intern/kalender/moteplan/{plan.pk}/moteplan.docx")
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    cells = "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    assert "Møteplan 2027 – Formannskapet" in text
    assert "tirsdag 5. januar 2027" in cells or "5. januar 2027" in cells
    assert "Kommunestyret vedtar møteplanen for 2027" in text


def test_school_holidays_are_entered_in_the_ui_and_skipped_by_the_next_draft(client, fagleder, formannskapet):
    client.force_login(fagleder)
    response = client.post("/intern/kalender/skoleferier/", {"name": "Høstferie", "start_date": "2027-10-08",
                                                             "end_date": "2027-10-04"})
    assert response.status_code == 400
    assert "Ferien kan ikke slutte før den starter." in response.content.decode()
    client.post("/intern/kalender/skoleferier/", {"name": "Høstferie", "start_date": "2027-10-04",
                                                  "end_date": "2027-10-08"})
    holiday = SchoolHoliday.objects.get()
    assert AuditEntry.for_object(holiday).exists()
    plan = make_plan(fagleder, formannskapet, weekday=2, interval_weeks=1)
    assert plan.dates.get(date=dt.date(2027, 10, 6)).skipped_reason == "Skoleferie: Høstferie"
