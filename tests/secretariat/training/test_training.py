"""Folkevalgtopplæring through the pages: a course for one body, its session in the invited members' personal
calendar feeds (not in others'), registration, attendance by the secretariat, materials with the upload rule, the
plan for the first months of the term, and training attendance flowing into a claim (tapt arbeidsinntekt, and
møtegodtgjøring only when the forskrift's flag says so)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from calendars.services import token_ensure
from secretariat.accounts.roles import Role
from secretariat.remuneration.models import Claim
from secretariat.training.models import Course, Material, Registration, TrainingSession
from tests.factories import MembershipFactory, PersonFactory, TermFactory, UserFactory
from tests.secretariat.remuneration.conftest import rate_table

pytestmark = pytest.mark.django_db
BASE = "/intern/opplaering"


def said(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


@pytest.fixture
def people(body, kommunestyret, formannskapet):
    term = TermFactory(body=body)
    earlier = TermFactory(body=body, name="2019–2023", start_date=dt.date(2019, 10, 1),
                          end_date=dt.date(2023, 9, 30))
    kari = PersonFactory(given_name="Kari", family_name="Medlem", user=UserFactory(username="kari",
                                                                                   role=Role.FOLKEVALGT))
    ola = PersonFactory(given_name="Ola", family_name="Gammel", user=UserFactory(username="ola",
                                                                                 role=Role.FOLKEVALGT))
    MembershipFactory(person=kari, organization=formannskapet, term=term, start_date=term.start_date)
    MembershipFactory(person=kari, organization=kommunestyret, term=term, start_date=term.start_date)
    MembershipFactory(person=ola, organization=kommunestyret, term=term, start_date=term.start_date)
    MembershipFactory(person=ola, organization=kommunestyret, term=earlier, start_date=earlier.start_date,
                      end_date=earlier.end_date)
    return {"term": term, "kari": kari, "ola": ola}


def test_a_course_for_one_body_invites_registers_and_takes_attendance(people, formannskapet, fagleder, client):
    term, kari, ola = people["term"], people["kari"], people["ola"]
    client.force_login(fagleder)
    response = client.post(f"{BASE}/nytt/", {"term": term.pk, "title": "Økonomi for formannskapet",
                                             "audience": "organ", "description": "Budsjett"})
    assert response.status_code == 400 and "Velg organet kurset er for." in response.content.decode()
    assert not Course.objects.exists()
    client.post(f"{BASE}/nytt/", {"term": term.pk, "title": "Økonomi for formannskapet", "audience": "organ",
                                  "organization": formannskapet.pk})
    course = Course.objects.get()
    start = timezone.localtime() + dt.timedelta(days=10)
    response = client.post(f"{BASE}/{course.pk}/kursdag/", {"start": f"{start:%Y-%m-%dT09:00}",
                                                            "end": f"{start:%Y-%m-%dT08:00}", "location": "Salen"})
    assert response.status_code == 400 and "Slutten må komme etter starten." in response.content.decode()
    client.post(f"{BASE}/{course.pk}/kursdag/", {"start": f"{start:%Y-%m-%dT09:00}", "end": f"{start:%Y-%m-%dT15:00}",
                                                 "location": "Salen"})
    session = TrainingSession.objects.get()

    # Materials: the project's upload rule refuses a program; a PDF is stored and downloadable.
    response = client.post(f"{BASE}/{course.pk}/materiell/",
                           {"title": "Virus", "file": SimpleUploadedFile("x.exe", b"MZ", "application/x-msdownload")})
    assert response.status_code == 400 and "Filtypen er ikke tillatt" in response.content.decode()
    client.post(f"{BASE}/{course.pk}/materiell/",
                {"title": "Lysark", "file": SimpleUploadedFile("lysark.pdf", b"%PDF-1.4 lysark", "application/pdf")})
    material = Material.objects.get()

    # The invitation is in Kari's personal feed (formannskapet), not in Ola's (kommunestyret only).
    feed = client.get(f"/ical/personal/{token_ensure(person=kari).token}.ics").content.decode()
    assert "SUMMARY:Opplæring: Økonomi for formannskapet" in feed and f"training-{session.uid}@saksgang" in feed
    assert "Opplæring" not in client.get(f"/ical/personal/{token_ensure(person=ola).token}.ics").content.decode()

    client.force_login(ola.user)
    response = client.post(f"{BASE}/kursdag/{session.pk}/meld-pa/")
    assert "ikke invitert" in said(response) and not Registration.objects.exists()
    assert client.get(f"{BASE}/materiell/{material.pk}/").status_code == 200
    client.force_login(kari.user)
    client.post(f"{BASE}/kursdag/{session.pk}/meld-pa/")
    assert Registration.objects.filter(person=kari, session=session).exists()
    assert "Du er allerede påmeldt." in said(client.post(f"{BASE}/kursdag/{session.pk}/meld-pa/"))
    assert client.post(f"{BASE}/kursdag/{session.pk}/oppmote/", {}).status_code == 403

    # Attendance is taken when the course has started.
    client.force_login(fagleder)
    response = client.post(f"{BASE}/kursdag/{session.pk}/oppmote/", {f"s{session.pk}-persons": [kari.pk]})
    assert "når kurset har startet" in said(response)
    TrainingSession.objects.filter(pk=session.pk).update(start=timezone.now() - dt.timedelta(hours=2),
                                                         end=timezone.now() - dt.timedelta(hours=1))
    response = client.post(f"{BASE}/kursdag/{session.pk}/oppmote/", {f"s{session.pk}-persons": [ola.pk]})
    assert "Ukjent person." in said(response)
    client.post(f"{BASE}/kursdag/{session.pk}/oppmote/", {f"s{session.pk}-persons": [kari.pk]})
    assert Registration.objects.get(person=kari).attended


def test_new_members_only_leaves_out_those_from_earlier_terms(people, fagleder):
    from secretariat.training.selectors import invitees
    from secretariat.training.services import course_create, session_add

    course = course_create(actor=fagleder, data={"term": people["term"], "title": "Ny i kommunestyret",
                                                 "audience": "nye"})
    start = timezone.now() + dt.timedelta(days=3)
    session = session_add(actor=fagleder, course=course, start=start, end=start + dt.timedelta(hours=2),
                          location="Salen")
    assert list(invitees(session)) == [people["kari"]]


def test_training_attendance_pays_lost_income_and_meeting_fee_only_by_the_flag(people, kommunestyret, formannskapet,
                                                                               fagleder, client):
    from secretariat.training.services import attendance_set, course_create

    kari = people["kari"]
    table = rate_table(kommunestyret, formannskapet)
    course = course_create(actor=fagleder, data={"term": people["term"], "title": "Kommuneloven", "audience": "alle"})
    sessions = []
    for days in (7, 6):
        start = timezone.now() - dt.timedelta(days=days)
        sessions.append(TrainingSession.objects.create(course=course, start=start, end=start + dt.timedelta(hours=5),
                                                       location="Salen"))
        attendance_set(actor=fagleder, session=sessions[-1], persons=[kari])
    client.force_login(kari.user)
    assert "Krav for opplæring: Kommuneloven" in client.get("/intern/godtgjoring/").content.decode()
    client.post("/intern/godtgjoring/krav/ny/", {"session": sessions[0].pk})
    first = Claim.objects.get(training_session=sessions[0])
    assert not first.lines.exists()  # no møtegodtgjøring for training
    client.post(f"/intern/godtgjoring/krav/{first.pk}/linje/", {"kind": "tapt_ulegitimert"})
    assert [(line.kind, line.amount) for line in first.lines.all()] == [("tapt_ulegitimert", Decimal("800.00"))]

    table.training_pays_meeting_fee, table.training_fee = True, Decimal("500")
    table.save()
    client.post("/intern/godtgjoring/krav/ny/", {"session": sessions[1].pk})
    second = Claim.objects.get(training_session=sessions[1])
    assert [(line.kind, line.amount, line.automatic) for line in second.lines.all()] == [
        ("mote", Decimal("500.00"), True)]
    # Not attended: no claim.
    other = TrainingSession.objects.create(course=course, start=sessions[0].start, end=sessions[0].end, location="B")
    response = client.post("/intern/godtgjoring/krav/ny/", {"session": other.pk})
    assert "ikke registrert som møtt på denne opplæringen" in said(response)


def test_the_plan_shows_the_first_months_of_the_term(people, fagleder, client):
    from secretariat.training.services import course_create

    term = people["term"]
    course = course_create(actor=fagleder, data={"term": term, "title": "Folkevalgtopplæring", "audience": "alle"})
    for day, place in ((term.start_date + dt.timedelta(days=20), "Tidlig"), (term.start_date + dt.timedelta(days=400),
                                                                            "Seint")):
        start = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
        TrainingSession.objects.create(course=course, start=start, end=start + dt.timedelta(hours=3), location=place)
    client.force_login(people["kari"].user)
    page = client.get(f"{BASE}/plan/").content.decode()
    assert "Tidlig" in page and "Seint" not in page
    assert client.get(f"{BASE}/").status_code == 200
