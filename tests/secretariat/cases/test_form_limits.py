"""The case form's limits (issue 12): a paper section past LONG_TEXT_MAX_LENGTH and a step comment past the
comment limit are form errors with the text kept; nothing is saved."""

from django.urls import reverse

from secretariat.cases.models import Case
from secretariat.common.forms import LONG_TEXT_MAX_LENGTH

from .test_bad_input import existing, form_data  # noqa: F401 (a fixture)


def test_a_huge_assessment_is_refused_with_the_form_kept(client, existing, formannskapet, saksbehandler):  # noqa: F811
    client.force_login(saksbehandler)
    before = Case.objects.count()
    response = client.post(reverse("cases:create"), form_data(formannskapet, assessment="v" * (LONG_TEXT_MAX_LENGTH + 1)))
    assert response.status_code == 200
    assert "assessment" in response.context["form"].errors
    assert f"{LONG_TEXT_MAX_LENGTH} eller færre tegn" in response.content.decode()
    assert "Ny barnehage på Nordneset" in response.content.decode()
    assert Case.objects.count() == before


def test_a_long_assessment_within_the_limit_is_saved(client, existing, formannskapet, saksbehandler):  # noqa: F811
    client.force_login(saksbehandler)
    client.post(reverse("cases:create"), form_data(formannskapet, assessment="v" * 50_000))
    assert Case.objects.filter(arkivsaksnummer="26/555").exists()
