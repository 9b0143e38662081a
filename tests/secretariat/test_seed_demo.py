from django.core.management import call_command
from django.utils import timezone

from secretariat.cases.models import Case
from secretariat.organizations.models import Membership, Organization, OrganizationType
from workflows.case import CaseState
from workflows.models import AuditEntry


def test_seed_demo_is_idempotent_and_covers_every_state(db, client):
    call_command("seed_demo")
    counts = (Case.objects.count(), Membership.objects.count(), AuditEntry.objects.count())
    call_command("seed_demo")
    assert (Case.objects.count(), Membership.objects.count(), AuditEntry.objects.count()) == counts

    assert {c.state for c in Case.objects.all()} >= {s.value for s in CaseState}
    assert Case.objects.filter(exempt=True).count() >= 2
    ks = Organization.objects.get(organization_type=OrganizationType.KOMMUNESTYRE)
    today = timezone.localdate()
    members = ks.memberships.regular().active_on(today)  # fritak/supplering in the demo ends some memberships
    assert members.count() == 27
    assert members.values("electoral_list").distinct().count() == 6
    for party_id in members.values_list("electoral_list", flat=True).distinct():
        orders = list(ks.memberships.substitutes().active_on(today).filter(electoral_list=party_id)
                      .values_list("substitute_order", flat=True).order_by("substitute_order"))
        assert orders == list(range(1, len(orders) + 1)) and len(orders) >= 3
    assert Organization.objects.get(slug="formannskapet").memberships.regular().active_on(today).count() == 7
    types = set(Organization.objects.values_list("organization_type", flat=True))
    assert {"kontrollutvalg", "valgstyre", "eldrerad", "rad_funksjonsnedsettelse", "ungdomsrad"} <= types
    assert Organization.objects.filter(organization_type="utvalg").count() == 2

    # The next kommunestyre meeting has a published agenda, so the public digest has something to say.
    from secretariat.meetings.models import Meeting

    upcoming = Meeting.objects.filter(organization=ks, start__gte=timezone.now()).order_by("start").first()
    assert upcoming.state == "innkalt" and upcoming.agenda_items.count() >= 2
    digest = client.get(f"/innsyn/moter/{upcoming.pk}/kort-fortalt/").content.decode()
    assert "Dette skal kommunestyret behandle" in digest and "brannstasjon" in digest

    # The past formannskap meeting: every vote counts everyone present and entitled (koml. § 8-1), and where the
    # leader is inhabil the protokoll names the setteleder the body elected (koml. § 11-2).
    from secretariat.meetings.models import ActingChair, Vote
    from secretariat.meetings.selectors import minutes_data, present_for_item

    for vote in Vote.objects.select_related("agenda_item__meeting"):
        counted = vote.for_count + vote.against_count + vote.blank_count
        assert counted == len(present_for_item(vote.agenda_item)), vote.agenda_item.label
    acting = ActingChair.objects.select_related("meeting", "agenda_item", "membership__person").get()
    assert acting.how == "valgt"
    row = next(i for i in minutes_data(acting.meeting, public=False)["items"] if i["id"] == acting.agenda_item_id)
    assert (row["chair"], row["chair_role"]) == (acting.membership.person.name, "setteleder")
