"""A step's free text is bounded (workflows/spec.py TEXT_MAX_LENGTH / Input.max_length), enforced by the one
transition adapter (secretariat/api/transitions.py) for the API and the staff step forms alike: a 1 MB comment is a
JSON 400 or a Norwegian form message, and the step is not taken."""

from django.urls import reverse
from rest_framework.test import APIClient

from secretariat.api.transitions import input_serializer
from tests.secretariat.followups.conftest import decided_case, decision, followup, make_followup, unit  # noqa: F401
from workflows.engine import workflow_of
from workflows.models import AuditEntry
from workflows.spec import COMMENT_MAX_LENGTH, TEXT_MAX_LENGTH

ONE_MB = "å" * 1_000_000


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_1_mb_comment_is_a_json_400_and_the_step_is_not_taken(followup, saksbehandler):  # noqa: F811
    before = AuditEntry.for_object(followup).count()
    response = _api(saksbehandler).post(f"/api/followups/{followup.pk}/transitions/",
                                        {"transition": "start", "comment": ONE_MB}, format="json")
    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    assert f"høyst {COMMENT_MAX_LENGTH} tegn" in str(response.json())
    followup.refresh_from_db()
    assert followup.state == "ikke_startet"
    assert AuditEntry.for_object(followup).count() == before


def test_a_1_mb_reason_is_a_norwegian_form_message_on_the_staff_page(client, followup, saksbehandler):  # noqa: F811
    client.force_login(saksbehandler)
    response = client.post(reverse("followups:transition", args=[followup.pk]),
                           {"transition": "abandon", "reason": ONE_MB, "expected_state": "ikke_startet"}, follow=True)
    assert response.status_code == 200
    assert f"«Begrunnelse» kan ha høyst {TEXT_MAX_LENGTH} tegn." in response.content.decode()
    followup.refresh_from_db()
    assert followup.state == "ikke_startet" and followup.reason == ""


def test_a_comment_at_the_limit_is_taken(followup, saksbehandler):  # noqa: F811
    response = _api(saksbehandler).post(f"/api/followups/{followup.pk}/transitions/",
                                        {"transition": "start", "comment": "k" * COMMENT_MAX_LENGTH}, format="json")
    assert response.status_code == 200, response.content[:300]
    followup.refresh_from_db()
    assert followup.state == "pagar"


def test_an_input_stored_in_a_short_column_declares_that_column(followup):  # noqa: F811
    from secretariat.meetings.models import Meeting, Minutes
    from secretariat.weddings.models import Wedding

    approval = input_serializer(workflow_of(Meeting), workflow_of(Meeting).transition("approve_minutes"))()
    assert approval.fields["approval_label"].max_length == Minutes._meta.get_field("approval_label").max_length
    report = input_serializer(workflow_of(Wedding), workflow_of(Wedding).transition("report_notice"))()
    assert report.fields["reference"].max_length == Wedding._meta.get_field("notice_reference").max_length
