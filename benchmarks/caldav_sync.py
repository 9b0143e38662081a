"""Benchmark: a full `sync_caldav` of a year's meetings (≈300) to a real Radicale server, then a no-change run.

    .venv/bin/python benchmarks/caldav_sync.py [--meetings 300]

Uses a throwaway SQLite database in /tmp (migrated here) and starts Radicale itself on a free loopback
port. Prints the time of each run and the number of PUT requests (our HTTP counter and Radicale's own
log); the target for the second run is 0 PUTs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--meetings", type=int, default=300)
    args = parser.parse_args()

    db_path = Path(tempfile.mkdtemp(prefix="saksgang-bench-")) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.pop("CELERY_BROKER_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "secretariat.settings")
    os.environ["CALDAV_URL"] = ""  # no pushes while the meetings are made

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.utils import timezone

    from calendars import caldav_sync
    from secretariat.accounts.roles import Role, assign_role, ensure_role_groups
    from secretariat.meetings.services import meeting_create
    from secretariat.organizations.models import Body, Organization, OrganizationType
    from tests.calendars.radicale_server import RadicaleServer

    call_command("migrate", verbosity=0)
    ensure_role_groups()
    from django.contrib.auth import get_user_model

    fagleder = get_user_model().objects.create(username="bench-fagleder")
    assign_role(fagleder, Role.FAGLEDER)
    body = Body.objects.create(name="Benchvik kommune", kommunenummer="4697")
    slugs = ["kommunestyret", "formannskapet", "oppvekst", "teknikk", "kontrollutvalget", "eldreradet"]
    orgs = [Organization.objects.create(body=body, name=s.capitalize(), slug=s,
                                        organization_type=OrganizationType.UTVALG) for s in slugs]
    year = timezone.localdate().year + 1
    t0 = time.perf_counter()
    for n in range(args.meetings):
        day = dt.date(year, 1, 4) + dt.timedelta(days=(n * 365) // args.meetings)
        start = timezone.make_aware(dt.datetime.combine(day, dt.time(9 + n % 9)))
        meeting_create(actor=fagleder, organization=orgs[n % len(orgs)], start=start,
                       end=start + dt.timedelta(hours=3), location="Rådhuset")
    made = time.perf_counter() - t0

    server = RadicaleServer().start()
    try:
        settings.CALDAV_URL = server.url
        settings.CALDAV_USERNAME = server.username
        settings.CALDAV_PASSWORD = server.password

        def run():
            before = caldav_sync.REQUEST_COUNTS.copy()
            logged = server.log_count("PUT")
            started = time.perf_counter()
            call_command("sync_caldav", stdout=io.StringIO())
            elapsed = time.perf_counter() - started
            puts = caldav_sync.REQUEST_COUNTS["PUT"] - before["PUT"]
            total = sum(caldav_sync.REQUEST_COUNTS.values()) - sum(before.values())
            return elapsed, puts, total, server.log_count("PUT") - logged

        first = run()
        second = run()
    finally:
        server.cleanup()

    print(f"meetings: {args.meetings} in {len(orgs)} organizations (made in {made:.1f} s), Radicale {server.url}")
    print(f"full sync_caldav:      {first[0]:7.2f} s  PUT={first[1]:4d} (Radicale log {first[3]})  requests={first[2]}")
    print(f"second, no changes:    {second[0]:7.2f} s  PUT={second[1]:4d} (Radicale log {second[3]})  "
          f"requests={second[2]}")
    print("target: 0 PUT in the second run —", "OK" if second[1] == 0 and second[3] == 0 else "NOT MET")


if __name__ == "__main__":
    main()
