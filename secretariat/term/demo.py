"""Demo data: the kommune's reglement for gruppestøtte, and one member of today's kommunestyret who left their group
in the spring. Idempotent. The next term is not seeded (much reads «the newest term» as today's): README
«Valgperiode» shows how `import_valgoppgjor --start` makes it from the sample valgoppgjør."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from secretariat.organizations.models import Membership

from .models import GroupChange, GroupSupportRule, SplitRule


def seed(ctx) -> None:
    GroupSupportRule.objects.get_or_create(
        body=ctx.body, valid_from=dt.date(2024, 1, 1),
        defaults={"base_amount": Decimal("12000"), "per_seat_amount": Decimal("4500"), "split": SplitRule.PRO_RATA,
                  "reglement": "Reglement for gruppestøtte, vedtatt av kommunestyret 14.12.2023, sak 23/1180"})
    ks = ctx.organizations.get("kommunestyret")
    if ks is None or GroupChange.objects.exists():
        return
    member = (Membership.objects.regular().filter(organization=ks, term=ctx.term, electoral_list=ctx.parties["FrP"])
              .select_related("person").order_by("pk").last())
    if member is None:
        return
    GroupChange.objects.create(person=member.person, term=ctx.term, from_date=dt.date(ctx.today.year, 4, 1),
                               new_group=None, note="Meldte seg ut av partiet; uavhengig representant.")
    member.person.party = None
    member.person.save(update_fields=["party"])
