"""Bad input on the staff pages of appointment rounds and fritak (issue 12), as the fagleder through HTTP: a
Norwegian message, the entered value kept where there is a page, never a 500, nothing half-saved."""


from django.urls import reverse

from secretariat.appointments.changes import membership_change_create
from secretariat.appointments.forms import PublicCandidateForm, StaffCandidateForm
from secretariat.appointments.models import Candidate, ChangeStatus, Pool, RoundKind
from secretariat.appointments.services import MAX_POOL_SIZE, candidate_register, round_create

from .conftest import PERIOD_END, PERIOD_START, eligible_data
from .test_fritak_supplering import _decide, ap_list  # noqa: F401 (a fixture)


def _annet_round(fagleder):
    return round_create(actor=fagleder, kind=RoundKind.ANNET, title="Stemmestyrer", period_start=PERIOD_START,
                        period_end=PERIOD_END, pools=[("annet", "", 1)], pool_name="Stemmestyre Sentrum")


def test_pool_sizes_refuse_words_negatives_and_huge_numbers_and_change_nothing(client, fagleder, meddommer_round):
    client.force_login(fagleder)
    pools = list(meddommer_round.pools.all())
    url = reverse("appointments:pool_sizes", args=[meddommer_round.pk])
    for bad, message in (("tolv", "helt tall"), ("-3", "negativt"), ("9" * 40, f"høyst {MAX_POOL_SIZE}")):
        body = {f"size-{pools[0].pk}": "5", f"size-{pools[1].pk}": bad}
        page = client.post(url, body, follow=True).content.decode()
        assert message in page, bad
        assert [p.size for p in Pool.objects.filter(pk__in=[p.pk for p in pools]).order_by("pk")] == \
            [p.size for p in sorted(pools, key=lambda p: p.pk)]
    client.post(url, {f"size-{pools[0].pk}": "5"})
    assert Pool.objects.get(pk=pools[0].pk).size == 5


def test_adding_a_pool_refuses_a_missing_name_a_too_long_name_and_a_wrong_size(client, fagleder, body, formannskapet):
    round_ = _annet_round(fagleder)
    client.force_login(fagleder)
    url = reverse("appointments:pool_add", args=[round_.pk])
    cases = [({"size": "3"}, "Skriv navnet på vervet"), ({"name": "S" * 121, "size": "3"}, "120 eller færre tegn"),
             ({"name": "Stemmestyre Skolen", "size": "tre"}, "helt tall"),
             ({"name": "Stemmestyre Skolen", "size": "0"}, "minst 1"), ({"name": "Stemmestyre Skolen"}, "minst 1")]
    for body_, message in cases:
        page = client.post(url, body_, follow=True).content.decode()
        assert message in page, body_
    assert round_.pools.count() == 1
    client.post(url, {"name": "Stemmestyre Skolen", "size": "3"})
    assert round_.pools.filter(name="Stemmestyre Skolen", size=3).exists()


def test_placing_a_candidate_in_an_unknown_pool_is_refused(client, fagleder, meddommer_round):
    candidate = candidate_register(actor=fagleder, round=meddommer_round, data=eligible_data("Kari"))
    client.force_login(fagleder)
    url = reverse("appointments:candidate_pool", args=[meddommer_round.pk, candidate.pk])
    for bad in ("abc", "999999", "9" * 40, "-1"):
        page = client.post(url, {"pool": bad}, follow=True).content.decode()
        assert "Ukjent utvalg." in page or "gyldig valg" in page, bad
        candidate.refresh_from_db()
        assert candidate.pool_id is None


def test_a_fritak_decision_needs_a_valid_date_and_keeps_what_was_typed(client, fagleder, kommunedirektor,
                                                                       ap_list):  # noqa: F811
    change = membership_change_create(actor=fagleder, arkivsaksnummer="26/790", membership=ap_list["anne"])
    _decide(change, fagleder, kommunedirektor)
    client.force_login(fagleder)
    url = reverse("appointments:change_detail", args=[change.pk])
    for bad in ("1. mars", "31.02.2026", "01.01.0001", ""):
        response = client.post(url, {"action": "apply", "effective_date": bad})
        assert response.status_code == 200
        page = response.content.decode()
        assert "gyldig dato" in page or "ikke gyldig" in page or "Fyll inn gjelder fra" in page, bad
        assert f'value="{bad}"' in page or not bad
        change.refresh_from_db()
        assert change.status == ChangeStatus.PENDING
    response = client.post(url, {"action": "slett", "effective_date": "01.03.2026"})
    assert "Ukjent handling." in response.content.decode()
    response = client.post(url, {"action": "refuse", "comment": "x" * 10_001})
    assert "eller færre tegn" in response.content.decode()
    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING
    client.post(url, {"action": "refuse", "comment": "Ikke grunnlag."})
    change.refresh_from_db()
    assert change.status == ChangeStatus.REFUSED


def test_candidate_forms_limit_text_to_the_columns():
    """The e-mail field's own limit (320) is longer than the column (254): the column decides."""
    for form_class in (StaffCandidateForm, PublicCandidateForm):
        form = form_class()
        for name, field in form.fields.items():
            column = next((f for f in Candidate._meta.fields if f.name == name), None)
            if column is not None and column.max_length and hasattr(field, "max_length"):
                assert field.max_length <= column.max_length, (form_class.__name__, name)


def test_a_candidate_with_a_year_1_birth_date_or_a_too_long_email_is_refused(client, fagleder, meddommer_round):
    client.force_login(fagleder)
    data = {k: v for k, v in eligible_data("Ola").items() if v is not None}
    data.update(birth_date="17.05.0001", email=("a" * 250) + "@x.no", resident_in_kommune="ja",
                adequate_norwegian="ja", voting_rights="ja", bankrupt="nei")
    response = client.post(reverse("appointments:candidate_create", args=[meddommer_round.pk]), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Året 1 er ikke gyldig" in page and "254 eller færre tegn" in page
    assert 'value="Ola"' in page
    assert not Candidate.objects.exists()
