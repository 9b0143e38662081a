"""Deadline warnings by e-mail, through a real Celery worker and a real SMTP server; each sent once."""

import datetime as dt

import pytest
from django.utils import timezone

from secretariat.appointments import services
from secretariat.appointments.models import DeadlineWarningSent
from secretariat.appointments.tasks import send_appointment_deadline_warnings


@pytest.mark.django_db(transaction=True)
def test_a_near_election_deadline_is_mailed_to_the_secretariat_once(body, formannskapet, fagleder, smtp_server,
                                                                    celery_worker):
    round_ = services.round_create(actor=fagleder, kind="forliksrad", title="Forliksrådet 2029–2032",
                                   period_start=dt.date(2029, 1, 1), period_end=dt.date(2032, 12, 31))
    round_.election_deadline = timezone.localdate() + dt.timedelta(days=10)
    round_.save(update_fields=["election_deadline"])

    send_appointment_deadline_warnings.delay()
    smtp_server.wait_for(1)
    message = smtp_server.to("fagleder@example.no")[0]
    assert str(message["Subject"]).strip() == "Frist om 10 dager: Kommunestyret velger – Forliksrådet 2029–2032"
    assert f"/intern/oppnevninger/{round_.pk}/" in message.get_content()

    assert send_appointment_deadline_warnings() == 0  # already sent: nothing more
    assert DeadlineWarningSent.objects.count() == 1


@pytest.mark.django_db
def test_a_superuser_fagleder_is_warned_like_a_fagleder_in_the_group(body, formannskapet, saksbehandler,
                                                                      kommunedirektor, smtp_server):
    """The warnings go to those who handle the rounds (access.can_handle_appointments, the page's own rule), not to
    the «fagleder» group by name: a kommune whose fagleder works as a superuser was never warned (session 22).
    The other staff are not told; nor is an inactive superuser."""
    from tests.factories import UserFactory

    superuser = UserFactory(username="rot", is_superuser=True)
    retired = UserFactory(username="gammel-rot", is_superuser=True, is_active=False)
    round_ = services.round_create(actor=superuser, kind="forliksrad", title="Forliksrådet 2029–2032",
                                   period_start=dt.date(2029, 1, 1), period_end=dt.date(2032, 12, 31))
    round_.election_deadline = timezone.localdate() + dt.timedelta(days=10)
    round_.save(update_fields=["election_deadline"])

    assert send_appointment_deadline_warnings() == 1
    [message] = smtp_server.wait_for(1, to=superuser.email, subject="Frist om 10 dager")
    assert f"/intern/oppnevninger/{round_.pk}/" in message.get_content()
    assert [rcpts for _, rcpts in smtp_server.envelopes] == [[superuser.email]]
    for other in (saksbehandler, kommunedirektor, retired):
        assert not smtp_server.to(other.email)
