"""A case step queues its e-mail after commit; a real Celery worker (local Redis) sends it over real SMTP."""

import pytest
from django.db import transaction

from secretariat.cases.services import case_transition

from ...helpers import new_case


@pytest.mark.django_db(transaction=True)
def test_submitting_a_case_tells_the_kommunedirektor_by_email(celery_worker, smtp_server, formannskapet,
                                                              saksbehandler, kommunedirektor):
    case = new_case(organization=formannskapet, officer=saksbehandler, title="Ny brannstasjon")
    case_transition(case=case, name="submit", actor=saksbehandler, comment="Klar til godkjenning.")
    smtp_server.wait_for(1, to=kommunedirektor.email)
    [message] = smtp_server.to(kommunedirektor.email)
    assert "Send til godkjenning" in message["Subject"]
    assert "Ny brannstasjon" in message.get_content() and "Klar til godkjenning." in message.get_content()


@pytest.mark.django_db(transaction=True)
def test_nothing_is_sent_when_the_transaction_rolls_back(celery_worker, smtp_server, formannskapet, saksbehandler,
                                                         kommunedirektor):
    case = new_case(organization=formannskapet, officer=saksbehandler)
    with pytest.raises(RuntimeError), transaction.atomic():
        case_transition(case=case, name="submit", actor=saksbehandler)
        raise RuntimeError("something later in the same request failed")
    case.refresh_from_db()
    assert case.state == "utredning"
    # A later, committed step proves the worker is running; the rolled-back one never arrives.
    case_transition(case=case, name="submit", actor=saksbehandler, comment="Andre forsøk.")
    smtp_server.wait_for(1)
    import time

    time.sleep(0.5)
    assert len(smtp_server.messages) == 1 and "Andre forsøk." in smtp_server.messages[0].get_content()


@pytest.mark.django_db(transaction=True)
def test_a_superuser_is_told_of_a_case_to_approve_like_the_kommunedirektor(celery_worker, smtp_server, formannskapet,
                                                                          saksbehandler, fagleder):
    """Who is told is who may take the next step (the workflow's «approve», asked per user), not the group by name:
    a superuser has every role and approves like the kommunedirektør, so she hears of it (session 22). Nobody else
    is told: not the fagleder, not an inactive superuser."""
    from tests.factories import UserFactory

    superuser = UserFactory(username="rot", is_superuser=True)
    retired = UserFactory(username="gammel-rot", is_superuser=True, is_active=False)
    case = new_case(organization=formannskapet, officer=saksbehandler, title="Ny brannstasjon")
    case_transition(case=case, name="submit", actor=saksbehandler, comment="Klar til godkjenning.")
    [message] = smtp_server.wait_for(1, to=superuser.email)
    assert "Send til godkjenning" in message["Subject"]
    import time

    time.sleep(0.5)  # anything else the step sent has arrived by now
    told = [rcpts for msg, (_, rcpts) in zip(smtp_server.messages, smtp_server.envelopes, strict=True)
            if "Send til godkjenning" in str(msg["Subject"])]
    assert told == [[superuser.email]]
    assert not smtp_server.to(retired.email) and not smtp_server.to(fagleder.email)
