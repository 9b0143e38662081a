"""Issue 13: a case formannskapet sends on to kommunestyret is formannskapet's INNSTILLING, not a vedtak.

Only final decisions are «vedtak», get the lovlighetskontroll clock (koml. § 27-1) and go to follow-up. Checked
through the staff protokoll page, the .docx read back with zipfile/lxml, the public meeting and case pages,
RSS/Atom, the API, the follow-up and lovlighetskontroll services, and the data migration for existing rows."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from lxml import etree

from secretariat.followups.legality import legality_review_deadline, legality_review_open
from secretariat.followups.services import followup_create, legality_demand_register
from secretariat.meetings.models import Decision
from secretariat.meetings.services import (
    agenda_item_add,
    attendance_fill_from_notice,
    item_decide,
    meeting_create,
    meeting_hold,
    meeting_send_notice,
    minutes_approve,
    minutes_draft,
)
from secretariat.organizations.models import AdministrativeUnit
from tests.factories import UserFactory
from tests.helpers import case_in_state, decide_in_meeting, docx_paragraphs, meeting_took_place
from workflows.case import CaseState
from workflows.engine import run_transition
from workflows.errors import GuardFailed


@pytest.fixture
def approved(fsk, meeting, fagleder, klar_case):
    """Formannskapet gives its innstilling on the school plan to kommunestyret and decides the budget itself."""
    forwarded = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case(title="Skolebruksplan"))
    final = agenda_item_add(actor=fagleder, meeting=meeting, case=klar_case(title="Kjøp av brannbil"))
    meeting_send_notice(actor=fagleder, meeting=meeting)
    attendance_fill_from_notice(actor=fagleder, meeting=meeting)
    item_decide(actor=fagleder, item=forwarded, text="Skolebruksplanen vedtas som innstilt.", next_step="forward")
    item_decide(actor=fagleder, item=final, text="Brannbilen kjøpes.", next_step="final")
    meeting_took_place(meeting)  # a meeting is marked held only once it has started (koml. § 11-3)
    meeting_hold(actor=fagleder, meeting=meeting)
    minutes_draft(actor=fagleder, meeting=meeting)
    minutes_approve(actor=fagleder, meeting=meeting, approval_label="Formannskapet i neste møte")
    forwarded.refresh_from_db()
    final.refresh_from_db()
    return meeting, forwarded, final


def test_a_forwarded_decision_is_an_innstilling_without_the_27_1_clock(approved):
    _, forwarded, final = approved
    innstilling, vedtak = forwarded.decision, final.decision
    assert (innstilling.kind, vedtak.kind) == ("innstilling", "vedtak")
    assert not innstilling.is_final and vedtak.is_final
    assert legality_review_deadline(innstilling) is None and not legality_review_open(innstilling)
    assert legality_review_deadline(vedtak) == timezone.localtime(vedtak.decided_at).date() + dt.timedelta(21)


def test_the_case_api_forward_step_makes_the_decision_an_innstilling_too(formannskapet, saksbehandler, fagleder,
                                                                         kommunedirektor):
    """Every path that forwards a case (here the case API's own transitions, not møtemodus) gives an innstilling."""
    case = case_in_state("til_neste_organ", organization=formannskapet, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor)
    assert case.consultations.get(sequence=1).decisions.get().kind == "innstilling"


def test_the_staff_protokoll_page_says_innstilling_til_kommunestyret(approved, client, fagleder):
    meeting, forwarded, final = approved
    client.force_login(fagleder)
    page = client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    section = page.split(forwarded.label)[1].split(final.label)[0]
    assert "<h4>Innstilling til kommunestyret</h4>" in section
    assert "<h4>Vedtak</h4>" not in section and "Vedtatt" not in section
    assert "lovlighetskontroll" not in section
    assert page.count("Frist for å kreve lovlighetskontroll") == 1  # the final decision only


def test_the_protokoll_docx_prints_the_innstilling_as_innstilling(approved, client, fetch, fagleder):
    meeting, forwarded, final = approved
    client.force_login(fagleder)
    paragraphs = docx_paragraphs(fetch(reverse("documents:download", args=["protokoll", meeting.pk, "docx"])))
    heading = paragraphs.index("Innstilling til kommunestyret:")
    assert paragraphs[heading + 1] == "Skolebruksplanen vedtas som innstilt."
    assert paragraphs.count("Vedtak (Formannskapet):") == 1
    assert paragraphs[paragraphs.index("Vedtak (Formannskapet):") + 1] == "Brannbilen kjøpes."


def test_the_saerutskrift_of_the_innstilling_says_so(approved, client, fetch, fagleder):
    _, forwarded, _ = approved
    client.force_login(fagleder)
    paragraphs = docx_paragraphs(fetch(reverse("documents:download", args=["saerutskrift", forwarded.pk, "docx"])))
    assert "Innstilling til kommunestyret:" in paragraphs
    assert not any(p.startswith("Vedtak (") for p in paragraphs)


def test_the_public_meeting_and_case_pages_say_innstilling(approved, client):
    meeting, forwarded, final = approved
    page = client.get(reverse("innsyn:meeting", args=[meeting.pk])).content.decode()
    section = page.split(forwarded.label)[1].split(final.label)[0]
    assert "Innstilling til kommunestyret" in section and "<h4>Vedtak</h4>" not in section
    case_page = client.get(reverse("innsyn:case", args=[forwarded.consultation.case_id])).content.decode()
    assert "Innstilling til kommunestyret" in case_page and "<h4>Vedtak " not in case_page
    minutes = client.get(reverse("innsyn:minutes", args=[meeting.pk])).content.decode()
    assert "<h4>Innstilling til kommunestyret</h4>" in minutes


def test_rss_and_atom_call_the_innstilling_an_innstilling(approved, client):
    _, forwarded, final = approved
    for name in ("innsyn:feed_rss", "innsyn:feed_atom"):
        feed = client.get(reverse(name)).content.decode()
        assert f"Innstilling til kommunestyret: {forwarded.label}" in feed
        assert f"Vedtak: {forwarded.label}" not in feed
        assert f"Vedtak: {final.label}" in feed
    rss = etree.fromstring(client.get(reverse("innsyn:feed_rss")).content)
    categories = {item.findtext("guid"): item.findtext("category") for item in rss.iter("item")}
    assert categories[f"vedtak-{forwarded.decision.pk}"] == "Innstilling"
    assert categories[f"vedtak-{final.decision.pk}"] == "Vedtak"


def test_the_api_gives_the_decision_kind_and_no_deadline_for_an_innstilling(approved, client, fagleder):
    _, forwarded, final = approved
    client.force_login(fagleder)
    rows = {r["id"]: r for r in client.get("/api/decisions/").json()["results"]}
    assert rows[forwarded.decision.pk]["decision_kind"] == "innstilling"
    assert rows[forwarded.decision.pk]["legality_review_deadline"] is None
    assert rows[final.decision.pk]["decision_kind"] == "vedtak"
    assert rows[final.decision.pk]["legality_review_deadline"]
    case = client.get(f"/api/cases/{forwarded.consultation.case_id}/").json()
    assert case["consultations"][0]["decisions"][0]["decision_kind"] == "innstilling"


@pytest.fixture
def decided_in_kommunestyret(approved, kommunestyret, fagleder):
    """Kommunestyret then makes the final decision on the school plan."""
    _, forwarded, _ = approved
    case = forwarded.consultation.case
    case.refresh_from_db()
    start = timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=30), dt.time(18)))
    ks_meeting = meeting_create(actor=fagleder, organization=kommunestyret, start=start)
    agenda_item_add(actor=fagleder, meeting=ks_meeting, case=case)
    decide_in_meeting(case, actor=fagleder, text="Skolebruksplanen vedtas.")
    case.refresh_from_db()
    run_transition(case, "finalize", actor=fagleder)
    case.refresh_from_db()
    assert case.state == CaseState.VEDTATT
    return forwarded.decision, case.consultations.get(sequence=2).decisions.get()


def test_only_the_final_decision_is_followed_up(decided_in_kommunestyret, kommunedirektor):
    innstilling, vedtak = decided_in_kommunestyret
    unit = AdministrativeUnit.objects.create(name="Oppvekst")
    owner = UserFactory(username="rektor")
    deadline = timezone.localdate() + dt.timedelta(days=60)
    with pytest.raises(GuardFailed, match="ikke endelig"):
        followup_create(actor=kommunedirektor, decision=innstilling, description="Følg opp.", responsible_unit=unit,
                        responsible_person=owner, deadline=deadline)
    assert followup_create(actor=kommunedirektor, decision=vedtak, description="Følg opp.", responsible_unit=unit,
                           responsible_person=owner, deadline=deadline).decision == vedtak


def test_no_lovlighetskontroll_of_an_innstilling(decided_in_kommunestyret, fagleder):
    innstilling, vedtak = decided_in_kommunestyret
    with pytest.raises(GuardFailed, match=r"innstilling.*koml\. § 27-1"):
        legality_demand_register(actor=fagleder, decision=innstilling, signers=[])
    assert not innstilling.legality_demands.exists()
    assert legality_review_deadline(vedtak) is not None


def test_the_migration_derives_the_kind_of_existing_decisions(decided_in_kommunestyret):
    innstilling, vedtak = decided_in_kommunestyret
    Decision.objects.update(kind="vedtak")  # as every row was before the field existed
    migration = importlib.import_module("secretariat.meetings.migrations.0007_protocol_decision_kind")
    migration.derive_kind(apps, None)
    assert set(Decision.objects.values_list("pk", "kind")) >= {(innstilling.pk, "innstilling"), (vedtak.pk, "vedtak")}
    assert Decision.objects.filter(kind="vedtak").count() == 2  # kommunestyret's and formannskapet's brannbil


def test_the_staff_decision_and_case_pages_show_no_clock_for_an_innstilling(decided_in_kommunestyret, client,
                                                                            fagleder):
    innstilling, vedtak = decided_in_kommunestyret
    client.force_login(fagleder)
    page = client.get(reverse("followups:decision", args=[innstilling.pk])).content.decode()
    assert "<h1>Innstilling:" in page and "til og med" not in page
    assert "innstilling til neste organ, følges ikke opp" in page
    page = client.get(reverse("followups:decision", args=[vedtak.pk])).content.decode()
    assert "<h1>Vedtak:" in page and "til og med" in page
    case_page = client.get(reverse("cases:detail", args=[innstilling.consultation.case_id])).content.decode()
    assert "Innstilling " in case_page and "Ny oppfølging" in case_page


@pytest.fixture
def eldreradet(body):
    from secretariat.organizations.models import OrganizationType
    from tests.factories import OrganizationFactory

    return OrganizationFactory(body=body, name="Eldrerådet", slug="eldreradet", seats=5,
                               organization_type=OrganizationType.ELDRERAD)


def test_an_advisory_council_gives_an_innstilling_not_a_final_vedtak(eldreradet, kommunestyret, saksbehandler,
                                                                      fagleder, kommunedirektor, settings):
    """koml. § 5-12: eldrerådet gives its view; the case API's `finalize` is refused, forwarding gives an
    innstilling. The kommune's reglement may give a council decision power (§ 5-13): a setting."""
    case = case_in_state("behandlet", organization=eldreradet, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor)
    with pytest.raises(GuardFailed, match=r"medvirkningsorgan.*koml\. §§ 5-12"):
        run_transition(case, "finalize", actor=fagleder)
    case.refresh_from_db()
    assert case.state == CaseState.BEHANDLET and not case.current_consultation.authoritative
    run_transition(case, "forward", actor=fagleder, organization=kommunestyret)
    assert case.consultations.get(sequence=1).decisions.get().kind == "innstilling"

    settings.SAKSGANG_RECOMMENDING_ONLY_TYPES = []
    other = case_in_state("vedtatt", organization=eldreradet, officer=saksbehandler, fagleder=fagleder,
                          kommunedirektor=kommunedirektor)
    assert other.consultations.get().decisions.get().kind == "vedtak"


def test_item_decide_in_an_advisory_council_refuses_a_final_decision(eldreradet, fagleder, saksbehandler,
                                                                     kommunedirektor):
    case = case_in_state("satt_opp", organization=eldreradet, officer=saksbehandler, fagleder=fagleder,
                         kommunedirektor=kommunedirektor)
    item = case.current_consultation.agenda_items.get()
    meeting_send_notice(actor=fagleder, meeting=item.meeting)
    from tests.helpers import make_quorate

    make_quorate(item)
    with pytest.raises(GuardFailed, match="medvirkningsorgan"):
        item_decide(actor=fagleder, item=item, text="Rådet støttar forslaget.", next_step="final")
    assert not Decision.objects.filter(agenda_item=item).exists()  # nothing half-written
