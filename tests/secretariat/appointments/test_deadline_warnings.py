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
