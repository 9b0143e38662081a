from django.urls import reverse

from .scenario import PUBLIC_DECISION, PUBLIC_SUMMARY, SECRETS


def test_case_page_shows_kort_fortalt_first_and_the_history(client, portal):
    page = client.get(reverse("innsyn:case", args=[portal.public.pk])).content.decode()
    assert page.index(PUBLIC_SUMMARY) < page.index("Saksgang") < page.index(PUBLIC_DECISION)
    assert "Kommunestyret" in page
    assert portal.public_item.label in page
    assert "Vedtatt med 20 mot 7 stemmer" in page
    assert "Barnehagen dekker behovet" in page  # the paper's public sections


def test_case_page_links_to_the_moment_in_the_video(client, portal):
    page = client.get(reverse("innsyn:case", args=[portal.public.pk])).content.decode()
    assert "watch?v=fjordvikks&amp;t=754" in page


def test_draft_case_is_404(client, portal):
    assert client.get(reverse("innsyn:case", args=[portal.draft.pk])).status_code == 404


def test_exempt_case_shows_only_public_title_and_marking(client, portal):
    response = client.get(reverse("innsyn:case", args=[portal.exempt.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Personalsak" in page and "Unntatt offentlighet, offl. § 13" in page
    for key in ("exempt_title", "exempt_summary", "exempt_background", "exempt_recommendation"):
        assert SECRETS[key] not in page


def test_case_treated_in_closed_session_shows_no_content(client, portal):
    page = client.get(reverse("innsyn:case", args=[portal.closed.pk])).content.decode()
    assert "Lukket møte" in page
    for key in ("closed_summary", "closed_decision", "closed_background"):
        assert SECRETS[key] not in page


def test_exempt_paper_sections_are_left_out(client, portal):
    paper = portal.public.paper
    paper.assessment = SECRETS["partly_exempt_assessment"]
    paper.exempt_sections = ["assessment"]
    paper.save()
    page = client.get(reverse("innsyn:case", args=[portal.public.pk])).content.decode()
    assert SECRETS["partly_exempt_assessment"] not in page
    assert PUBLIC_SUMMARY in page


def test_case_page_shows_follow_up_status(client, portal, fagleder):
    import datetime as dt

    from django.utils import timezone

    from secretariat.followups.services import followup_create
    from secretariat.meetings.models import Decision
    from secretariat.organizations.models import AdministrativeUnit

    unit = AdministrativeUnit.objects.create(name="Oppvekst")
    followup_create(actor=fagleder, decision=Decision.objects.get(agenda_item=portal.public_item),
                    description="Bestille tegninger av barnehagen", responsible_unit=unit,
                    responsible_person=fagleder, deadline=timezone.localdate() + dt.timedelta(days=60))
    page = client.get(reverse("innsyn:case", args=[portal.public.pk])).content.decode()
    assert "Oppfølging av vedtaket" in page
    assert "Bestille tegninger av barnehagen" in page and "Ikke startet" in page
