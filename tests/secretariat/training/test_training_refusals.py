"""Folkevalgtopplæring attacked through the pages and the admin: every writing route refuses the roles outside the
secretariat before it reads input; ids of another course's day or of people not invited change nothing; bad dates
and texts get a Norwegian message and save nothing; HTML stays text; and the admin cannot tick attendance past the
audited page, nor save a course day that ends before it starts — while a day moved there takes its claims along."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from secretariat.accounts.roles import Role
from secretariat.remuneration.models import Claim
from secretariat.training.models import Course, Material, Registration, TrainingSession
from secretariat.training.services import attendance_set, course_create, session_add
from tests.factories import MembershipFactory, PersonFactory, TermFactory, UserFactory
from tests.secretariat.remuneration.conftest import rate_table
from workflows.models import AuditEntry

pytestmark = pytest.mark.django_db
BASE = "/intern/opplaering"


def said(response) -> str:
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


@pytest.fixture
def training(body, kommunestyret, formannskapet, fagleder):
    term = TermFactory(body=body)
    kari = PersonFactory(given_name="Kari", family_name="Medlem",
                         user=UserFactory(username="kari", role=Role.FOLKEVALGT))
    ola = PersonFactory(given_name="Ola", family_name="Kommunestyre",
                        user=UserFactory(username="ola", role=Role.FOLKEVALGT))
    MembershipFactory(person=kari, organization=formannskapet, term=term, start_date=term.start_date)
    MembershipFactory(person=ola, organization=kommunestyret, term=term, start_date=term.start_date)
    fsk_course = course_create(actor=fagleder, data={"term": term, "title": "Formannskapet: budsjett",
                                                     "audience": "organ", "organization": formannskapet})
    ks_course = course_create(actor=fagleder, data={"term": term, "title": "Kommunestyret: reglement",
                                                    "audience": "organ", "organization": kommunestyret})
    start = timezone.now() + dt.timedelta(days=10)
    fsk_day = session_add(actor=fagleder, course=fsk_course, start=start, end=start + dt.timedelta(hours=3),
                          location="Salen")
    ks_day = session_add(actor=fagleder, course=ks_course, start=start, end=start + dt.timedelta(hours=3),
                         location="Salen")
    return {"term": term, "kari": kari, "ola": ola, "fsk_course": fsk_course, "ks_course": ks_course,
            "fsk_day": fsk_day, "ks_day": ks_day}


def test_writing_routes_refuse_everyone_outside_the_secretariat(training, client):
    t = training
    course, day = t["fsk_course"], t["fsk_day"]
    material = Material.objects.create(course=course, title="Lysark",
                                        file=SimpleUploadedFile("l.pdf", b"%PDF-1.4 l", "application/pdf"))
    writes = [("get", "/nytt/", None), ("post", "/nytt/", {"term": t["term"].pk, "title": "X", "audience": "alle"}),
              ("post", f"/{course.pk}/kursdag/", {"start": "2030-01-01T09:00", "end": "2030-01-01T10:00",
                                                 "location": "X"}),
              ("post", f"/{course.pk}/materiell/", {"title": "X"}),
              ("post", f"/kursdag/{day.pk}/oppmote/", {f"s{day.pk}-persons": [t["kari"].pk]})]
    def state():
        return (list(Course.objects.values_list("pk", "title")), list(TrainingSession.objects.values_list("pk", "start")),
                Material.objects.count(), Registration.objects.count(),
                AuditEntry.objects.filter(content_type__app_label="training").count())

    before = state()
    for role in (Role.SAKSBEHANDLER, Role.KOMMUNEDIREKTOR, Role.FOLKEVALGT):
        client.force_login(t["kari"].user if role == Role.FOLKEVALGT else UserFactory(role=role))
        for method, path, data in writes:
            response = client.get(BASE + path) if method == "get" else client.post(BASE + path, data)
            assert response.status_code == 403, (role, path)
        # Reading is for everyone who works with the kommune's politics.
        for path in ("/", "/plan/", f"/{course.pk}/", f"/materiell/{material.pk}/"):
            assert client.get(BASE + path).status_code == 200, (role, path)
    # Staff without a person cannot sign up; nor can a user with no role at all read.
    client.force_login(UserFactory(role=Role.SAKSBEHANDLER))
    assert client.post(f"{BASE}/kursdag/{day.pk}/meld-pa/").status_code == 403
    client.force_login(UserFactory())
    assert client.get(f"{BASE}/").status_code == 403
    client.logout()
    for path in ("/", f"/{course.pk}/", f"/materiell/{material.pk}/"):
        assert client.get(BASE + path).status_code == 302
    assert client.post(f"{BASE}/kursdag/{day.pk}/meld-pa/").status_code == 302
    assert state() == before


def test_another_bodys_day_and_people_not_invited_change_nothing(training, fagleder, client):
    t = training
    kari, ola, fsk_day, ks_day = t["kari"], t["ola"], t["fsk_day"], t["ks_day"]
    client.force_login(kari.user)
    assert "ikke invitert" in said(client.post(f"{BASE}/kursdag/{ks_day.pk}/meld-pa/"))
    assert "Du er ikke påmeldt." in said(client.post(f"{BASE}/kursdag/{ks_day.pk}/meld-av/"))
    assert client.post(f"{BASE}/kursdag/999999/meld-pa/").status_code == 404
    assert not Registration.objects.exists()

    # The days are over; the fagleder takes attendance.
    past = timezone.now() - dt.timedelta(hours=3)
    TrainingSession.objects.filter(pk__in=[fsk_day.pk, ks_day.pk]).update(start=past, end=past + dt.timedelta(hours=2))
    client.force_login(fagleder)
    # Ola (kommunestyret) on formannskapet's day; the other day's form prefix; nonsense ids.
    for data in ({f"s{fsk_day.pk}-persons": [ola.pk]}, {f"s{fsk_day.pk}-persons": ["abc"]},
                 {f"s{fsk_day.pk}-persons": ["999999"]}):
        assert said(client.post(f"{BASE}/kursdag/{fsk_day.pk}/oppmote/", data)), data
    client.post(f"{BASE}/kursdag/{fsk_day.pk}/oppmote/", {f"s{ks_day.pk}-persons": [kari.pk]})
    assert not Registration.objects.filter(attended=True).exists()
    # The service says the same when asked directly.
    fsk_day.refresh_from_db()
    with pytest.raises(Exception, match="Ikke invitert eller påmeldt: Ola Kommunestyre"):
        attendance_set(actor=fagleder, session=fsk_day, persons=[ola])
    assert not Registration.objects.filter(attended=True).exists()


def test_bad_dates_and_texts_are_refused_and_html_stays_text(training, fagleder, client):
    t = training
    course = t["fsk_course"]
    client.force_login(fagleder)
    sessions, courses = TrainingSession.objects.count(), Course.objects.count()
    for data, message in [({"start": "2030-13-01T09:00"}, "Oppgi gyldig dato og tid"),
                          ({"start": "abc"}, "Oppgi gyldig dato og tid"),
                          ({"start": "10000-01-01T09:00"}, ""),
                          ({"start": "2030-01-01T09:00", "end": "2030-01-01T08:59"}, "Slutten må komme etter starten."),
                          ({"location": ""}, "Dette feltet er påkrevd."),
                          ({"location": "x" * 201}, "201"),
                          ({"location": "Sal\x00en"}, "kontrolltegn")]:
        post = {"start": "2030-01-01T09:00", "end": "2030-01-01T12:00", "location": "Salen", **data}
        response = client.post(f"{BASE}/{course.pk}/kursdag/", post)
        assert response.status_code == 400 and message in response.content.decode(), data
    for data, message in [({"term": "999999"}, "Velg et gyldig valg"), ({"audience": "alle-og-ingen"}, "gyldig"),
                          ({"title": ""}, "Dette feltet er påkrevd."), ({"title": "x" * 201}, "201"),
                          ({"audience": "organ"}, "Velg organet kurset er for.")]:
        response = client.post(f"{BASE}/nytt/", {"term": t["term"].pk, "title": "Kurs", "audience": "alle", **data})
        assert response.status_code == 400 and message in response.content.decode(), data
    assert (TrainingSession.objects.count(), Course.objects.count()) == (sessions, courses)

    script = "<script>alert(1)</script>"
    client.post(f"{BASE}/nytt/", {"term": t["term"].pk, "title": script, "description": script, "audience": "alle"})
    new = Course.objects.get(title=script)
    client.post(f"{BASE}/{new.pk}/kursdag/", {"start": "2030-01-01T09:00", "end": "2030-01-01T12:00",
                                              "location": script})
    for path in ("/", f"/{new.pk}/", "/plan/"):
        assert script not in client.get(BASE + path).content.decode(), path
    assert "&lt;script&gt;" in client.get(f"{BASE}/{new.pk}/").content.decode()


def test_the_admin_keeps_attendance_on_the_audited_page_and_checks_the_days(training, fagleder, admin_client,
                                                                            kommunestyret, formannskapet):
    t = training
    kari, day, course = t["kari"], t["fsk_day"], t["fsk_course"]
    table = rate_table(kommunestyret, formannskapet)
    table.training_pays_meeting_fee, table.training_fee = True, Decimal("500")
    table.save()
    past = timezone.now() - dt.timedelta(days=3)
    TrainingSession.objects.filter(pk=day.pk).update(start=past, end=past + dt.timedelta(hours=2))
    day.refresh_from_db()
    attendance_set(actor=fagleder, session=day, persons=[kari])
    registration = Registration.objects.get(person=kari, session=day)
    claim = Claim.objects.get(person=kari, training_session=day)
    assert claim.day == day.day

    # Attendance cannot be ticked, added or deleted in the admin (it would be unaudited and make no claims).
    url = f"/admin/training/registration/{registration.pk}/change/"
    assert admin_client.post(url, {"session": day.pk, "person": kari.pk, "attended": ""}).status_code == 403
    assert admin_client.get("/admin/training/registration/add/").status_code == 403
    assert admin_client.post(f"/admin/training/registration/{registration.pk}/delete/", {"post": "yes"}).status_code \
        == 403
    registration.refresh_from_db()
    assert registration.attended

    def course_form(start: dt.datetime, end: dt.datetime) -> dict:
        start, end = timezone.localtime(start), timezone.localtime(end)
        return {"term": t["term"].pk, "title": course.title, "description": "", "audience": "organ",
                "organization": formannskapet.pk,
                "sessions-TOTAL_FORMS": "1", "sessions-INITIAL_FORMS": "1", "sessions-MIN_NUM_FORMS": "0",
                "sessions-MAX_NUM_FORMS": "1000", "sessions-0-id": day.pk, "sessions-0-course": course.pk,
                "sessions-0-start_0": f"{start:%Y-%m-%d}", "sessions-0-start_1": f"{start:%H:%M:%S}",
                "sessions-0-end_0": f"{end:%Y-%m-%d}", "sessions-0-end_1": f"{end:%H:%M:%S}",
                "sessions-0-location": "Salen"}

    # A day that ends before it starts: refused, nothing saved.
    url = f"/admin/training/course/{course.pk}/change/"
    response = admin_client.post(url, course_form(past, past - dt.timedelta(hours=1)))
    assert response.status_code == 200 and "Slutten må komme etter starten." in response.content.decode()
    day.refresh_from_db()
    assert day.start == past
    # Moved a day back: the draft follows its date, audited as the system.
    moved = past - dt.timedelta(days=1)
    response = admin_client.post(url, course_form(moved, moved + dt.timedelta(hours=2)))
    assert response.status_code == 302, response.content.decode()[-3000:]
    claim.refresh_from_db()
    assert claim.day == timezone.localtime(moved).date()
    entry = AuditEntry.for_object(claim).last()
    assert (entry.action, entry.actor_name) == ("krav_fulgte_oppmotet", "System")
