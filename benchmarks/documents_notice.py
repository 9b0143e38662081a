"""Benchmark: generate the møteinnkalling with full sakskart for a 40-item meeting (target < 2 s, no PDF).

    .venv/bin/python benchmarks/documents_notice.py [--items 40] [--runs 5] [--pdf]

Uses a throwaway SQLite database in /tmp (migrated here), creates 40 complete cases through the real
services, puts them on one meeting, then times render (context + docxtpl) and generate (render + store
with checksum). The first run includes building the default template; later runs use the cached one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PARAGRAPH = ("Kommunen har fått flere henvendelser om saken. Administrasjonen har vurdert alternativene og "
             "anbefaler løsningen som gir best tjenester for innbyggerne innenfor rammene. ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pdf", action="store_true", help="also time one PDF conversion (LibreOffice)")
    args = parser.parse_args()

    db_path = Path(tempfile.mkdtemp(prefix="saksgang-bench-")) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.pop("CELERY_BROKER_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secretariat.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, stdout=io.StringIO())

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from document_templates import registry
    from secretariat.accounts.roles import Role, assign_role
    from secretariat.cases.services import case_create, case_transition
    from secretariat.meetings.services import agenda_item_add, meeting_create
    from secretariat.organizations.models import Body, Organization, OrganizationType

    body = Body.objects.create(name="Benchmark kommune", kommunenummer="9998", maalform="nb")
    org = Organization.objects.create(body=body, name="Kommunestyret", slug="kommunestyret",
                                      organization_type=OrganizationType.KOMMUNESTYRE, seats=27)
    users = {}
    for name, role in (("sb", Role.SAKSBEHANDLER), ("kd", Role.KOMMUNEDIREKTOR), ("fl", Role.FAGLEDER)):
        users[name] = get_user_model().objects.create_user(name, password="x", first_name=name.upper())
        assign_role(users[name], role)
    start = timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=30), dt.time(18)))
    meeting = meeting_create(actor=users["fl"], organization=org, start=start, location="Kommunestyresalen")
    t0 = time.perf_counter()
    for i in range(args.items):
        exempt = i % 10 == 7
        case = case_create(
            actor=users["sb"], organization=org, arkivsaksnummer=f"26/{1000 + i}", title=f"Sak nummer {i + 1}",
            summary=f"Kort fortalt om sak {i + 1}. " + PARAGRAPH[:300], background=PARAGRAPH * 6,
            assessment=PARAGRAPH * 8, economic_consequences=PARAGRAPH * 2,
            recommendation=f"Kommunestyret vedtar forslaget i sak {i + 1}.",
            exempt=exempt, exempt_basis="offl13_fvl13_1" if exempt else "",
            public_title=f"Unntatt sak {i + 1}" if exempt else "",
        )
        case_transition(case=case, name="submit", actor=users["sb"])
        case_transition(case=case, name="approve", actor=users["kd"])
        agenda_item_add(actor=users["fl"], meeting=meeting, case=case)
    print(f"data: {args.items} cases on one meeting in {time.perf_counter() - t0:.1f} s (SQLite {db_path})")

    for public in (False, True):
        times = []
        for _run in range(args.runs):
            t = time.perf_counter()
            content = registry.render("innkalling", meeting, public=public)
            times.append(time.perf_counter() - t)
        label = "public " if public else "internal"
        print(f"render innkalling+sakskart ({label}, {args.items} items): first {times[0]:.2f} s, "
              f"median {statistics.median(times):.2f} s, max {max(times):.2f} s, {len(content) / 1024:.0f} KiB")

    t = time.perf_counter()
    doc = registry.generate("innkalling", meeting, public=False)
    generate_time = time.perf_counter() - t
    print(f"generate (render + store with checksum): {generate_time:.2f} s  -> target < 2 s: "
          f"{'OK' if generate_time < 2 else 'OVER'}")
    if args.pdf:
        from document_templates.pdf import ensure_pdf

        t = time.perf_counter()
        pdf = ensure_pdf(doc)
        print(f"PDF via LibreOffice: {time.perf_counter() - t:.2f} s, {len(pdf) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
