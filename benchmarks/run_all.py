"""All the performance figures in one table, each as a ratio to a floor measured in the same run (issue 17).

    .venv/bin/python benchmarks/run_all.py --size large [--db URL] [--small-db URL] [--rounds 30] [--only ical,…]

Starts gunicorn (2 workers, CONN_MAX_AGE as production runs it, the Redis cache when CACHE_URL or
--cache-url is given) on a database seeded by `manage.py seed_scale --size SIZE` (seeded here when it is
empty), and measures, interleaved round by round, every public page type, search, RSS/Atom, iCal (full and
304, public and one body), the API lists, the staff case list and the follow-up dashboard, against the floor:
a minimal Django view on the same gunicorn (/_benchmark/floor, present only with SAKSGANG_BENCHMARK_FLOOR=1).

Columns: cold = the first request after the cache was emptied; median and p95 of the warm requests; ×floor
= median / floor median; req/s = throughput with 4 client threads as a share of the floor's; "uncached" =
the median with a cache-busting parameter (the page rendered every time), and for an iCal feed the median
after a write (the public version bumped before each request: the body is built again, from the cached
events that did not change); SQL = queries per page at small
and at this size (Django test client, page cache off; for a 304 row the version cache on and the ETag sent).
Then the notice document for 40 items
(benchmarks/documents_notice.py) and CalDAV full and no-change sync (benchmarks/caldav_sync.py, when
Radicale is installed). Numbers only: nothing here is a test.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = sys.executable
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/saksgang_bench_{size}"


# --- the pages -----------------------------------------------------------------------------------------------

def targets() -> list[dict]:
    """The pages to measure, resolved against the seeded data (Django must be set up)."""
    from django.db.models import Count
    from django.utils import timezone

    from secretariat.cases.models import Case
    from secretariat.demo.scale_text import COMMON_WORD, RARE_WORD
    from secretariat.followups.models import FollowUpReport
    from secretariat.innsyn import selectors
    from secretariat.meetings.models import Meeting
    from secretariat.organizations.models import Organization
    from workflows.meeting import MeetingState

    ks = Organization.objects.get(slug="kommunestyret")
    held = (Meeting.objects.filter(organization=ks, state__in=[MeetingState.ARKIVERT, MeetingState.PROTOKOLL_GODKJENT])
            .annotate(n=Count("agenda_items")).order_by("-n", "-start").first())
    case = selectors.public_case_or_none(
        Case.objects.filter(consultations__organization=ks, exempt=False, state="avsluttet").order_by("-pk")
        .values_list("pk", flat=True).first())
    report = FollowUpReport.objects.filter(organization=ks).order_by("-period_end").first()
    year = timezone.localdate().year - 2
    deep = max(1, Case.objects.count() // 50 // 2)
    t = [
        ("floor (minimal Django view)", "/_benchmark/floor", {}),
        ("/healthz", "/healthz", {}),
        ("front page", "/innsyn/", {"cache": True}),
        ("meeting list", "/innsyn/moter/", {"cache": True}),
        ("meeting list, page 20", "/innsyn/moter/?side=20", {"cache": True}),
        ("meeting page (KS, most items)", f"/innsyn/moter/{held.pk}/", {"cache": True}),
        ("meeting digest", f"/innsyn/moter/{held.pk}/kort-fortalt/", {"cache": True}),
        ("minutes", f"/innsyn/moter/{held.pk}/protokoll/", {"cache": True}),
        ("case page", f"/innsyn/saker/{case.pk}/", {"cache": True}),
        (f"search common «{COMMON_WORD}»", f"/innsyn/sok/?q={COMMON_WORD}", {"cache": True}),
        (f"search rare «{RARE_WORD}»", f"/innsyn/sok/?q={RARE_WORD}", {"cache": True}),
        ("search filtered (organ+year)", f"/innsyn/sok/?q={COMMON_WORD}&organ=formannskapet&ar={year}",
         {"cache": True}),
        ("search RSS", f"/innsyn/sok/rss/?q={COMMON_WORD}", {"cache": True}),
        ("RSS", "/innsyn/rss/", {"cache": True}),
        ("Atom", "/innsyn/atom/", {"cache": True}),
        ("follow-up reports list", "/innsyn/oppfolging/", {"cache": True}),
        ("public follow-up report", f"/intern/oppfolging/rapport/{report.pk}/offentlig/" if report else None, {}),
        ("slik kan du påvirke", "/innsyn/slik-kan-du-pavirke/", {"cache": True}),
        ("iCal public, full", "/ical/public.ics", {"rebuild": True}),
        ("iCal public, 304", "/ical/public.ics", {"conditional": True}),
        ("iCal kommunestyret, full", "/ical/organizations/kommunestyret.ics", {"rebuild": True}),
        ("iCal kommunestyret, 304", "/ical/organizations/kommunestyret.ics", {"conditional": True}),
        ("API cases", "/api/cases/", {}),
        (f"API cases, page {deep}", f"/api/cases/?page={deep}", {}),
        ("API meetings", "/api/meetings/", {}),
        ("API decisions", "/api/decisions/", {}),
        ("API agenda items", "/api/agenda-items/", {}),
        ("staff case list (saksbehandler)", "/intern/saker/", {"user": "scale-sb01"}),
        ("follow-up dashboard (kommunedirektør)", "/intern/oppfolging/", {"user": "scale-kd"}),
    ]
    only = [w.strip().lower() for w in os.environ.get("SAKSGANG_BENCHMARK_ONLY", "").split(",") if w.strip()]
    return [{"label": label, "path": path, **opts} for label, path, opts in t
            if path and (not only or label.startswith("floor") or any(w in label.lower() for w in only))]


# --- query counts (a subprocess per database) ----------------------------------------------------------------

def count_queries(db_url: str) -> dict[str, int | str]:
    env = {**os.environ, "DATABASE_URL": db_url, "SAKSGANG_PUBLIC_CACHE_SECONDS": "0", "CACHE_URL": "",
           "SAKSGANG_BENCHMARK_FLOOR": "1", "DJANGO_SETTINGS_MODULE": "secretariat.settings"}
    out = subprocess.run([PY, __file__, "--count-queries-child"], env=env, cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        print(out.stderr[-2000:], file=sys.stderr)
        return {}
    return json.loads(out.stdout.strip().splitlines()[-1])


def _count_queries_child() -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    result = {}
    from django.test import override_settings

    for t in targets():
        client = Client()
        if t.get("user"):
            client.force_login(get_user_model().objects.get(username=t["user"]))
        if t.get("conditional"):  # a 304 as a calendar client gets it: the version cache on, its ETag sent
            # (a local cache that never culls, as Redis does not: the default local one keeps 300 entries, fewer
            # than one feed's cached events)
            big = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "bench-304",
                               "OPTIONS": {"MAX_ENTRIES": 1_000_000}}}
            with override_settings(SAKSGANG_PUBLIC_CACHE_SECONDS=300, CACHES=big):
                etag = client.get(t["path"])["ETag"]
                with CaptureQueriesContext(connection) as ctx:
                    response = client.get(t["path"], HTTP_IF_NONE_MATCH=etag)
        else:
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(t["path"])
        result[t["label"]] = len(ctx.captured_queries) if response.status_code in (200, 304) else \
            f"HTTP {response.status_code}"
    print(json.dumps(result))


# --- the server and the clock ----------------------------------------------------------------------------------

class Server:
    def __init__(self, db_url: str, port: int, cache_url: str):
        self.port = port
        self.env = {**os.environ, "DATABASE_URL": db_url, "SAKSGANG_BENCHMARK_FLOOR": "1", "DEBUG": "0",
                    "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "600"), "CACHE_URL": cache_url,
                    "DJANGO_SETTINGS_MODULE": "secretariat.settings",
                    # the benchmark is one client hammering: no API throttling
                    "API_THROTTLE_ANON": "1000000/min", "API_THROTTLE_USER": "1000000/min"}

    def __enter__(self):
        gunicorn = Path(PY).with_name("gunicorn")
        if not gunicorn.exists():
            raise SystemExit("gunicorn is not installed in this environment (.venv/bin/pip install gunicorn).")
        self.proc = subprocess.Popen([str(gunicorn), "secretariat.wsgi:application", "--workers", "2",
                                      "--bind", f"127.0.0.1:{self.port}", "--log-level", "warning",
                                      "--timeout", "120"], env=self.env, cwd=ROOT)
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:  # e.g. the port is taken: never measure another server
                raise SystemExit(f"gunicorn exited (is port {self.port} in use? --port)")
            try:
                if get(self.port, "/_benchmark/floor")[0] == 200:
                    return self
            except OSError:
                time.sleep(0.3)
        raise SystemExit("gunicorn did not start")

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait(10)


def get(port: int, path: str, headers: dict | None = None) -> tuple[int, float, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    started = time.perf_counter()
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    response.read()
    elapsed = (time.perf_counter() - started) * 1000
    result = response.status, elapsed, dict(response.getheaders())
    conn.close()
    return result


def session_cookie(username: str) -> str:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    user = get_user_model().objects.get(username=username)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def bust(path: str, n: int) -> str:
    return f"{path}{'&' if urlsplit(path).query else '?'}_b={time.time_ns()}{n}"


def bump_public_version(cache_url: str) -> None:
    """What every write does (secretariat/common/public_cache.py), on the server's Redis: the next feed is built."""
    import redis

    redis.Redis.from_url(cache_url).incr(":1:saksgang:public-version")


def measure(port: int, ts: list[dict], rounds: int, budget_s: float, seconds: float, cache_url: str = "") -> None:
    for t in ts:
        t.update(samples=[], uncached=[], spent=0.0, status=None)
        t["headers"] = {"Cookie": session_cookie(t["user"])} if t.get("user") else {}
    for t in ts:  # cold: the first request with an empty cache
        status, ms, headers = get(port, t["path"], t["headers"])
        t["cold"], t["status"] = ms, status
        if t.get("conditional") and headers.get("ETag"):
            t["headers"] = {**t["headers"], "If-None-Match": headers["ETag"]}
    for n in range(rounds):  # interleaved: every page once per round
        for t in ts:
            if t["spent"] > budget_s:
                continue
            status, ms, _ = get(port, t["path"], t["headers"])
            t["samples"].append(ms)
            t["status"] = status
            t["spent"] += ms / 1000
            if t.get("cache") and t["spent"] <= budget_s:
                _, ms, _ = get(port, bust(t["path"], n), t["headers"])
                t["uncached"].append(ms)
                t["spent"] += ms / 1000
    for t in ts:  # throughput: 4 client threads for `seconds` (also for a page whose uncached samples ate its budget)
        if not t["samples"]:
            t["rps"] = None
            continue
        count = [0]
        stop = time.perf_counter() + seconds
        lock = threading.Lock()

        def worker(t=t, count=count, stop=stop, lock=lock):
            while time.perf_counter() < stop:
                get(port, t["path"], t["headers"])
                with lock:
                    count[0] += 1

        threads = [threading.Thread(target=worker) for _ in range(4)]
        started = time.perf_counter()
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        t["rps"] = count[0] / (time.perf_counter() - started)
    # Last (a bump changes every ETag and empties every cached page): a feed built again after a write.
    for t in ts:
        for _ in range(min(rounds, 15) if t.get("rebuild") and cache_url else 0):
            bump_public_version(cache_url)
            t["uncached"].append(get(port, t["path"])[1])


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def print_table(ts: list[dict], queries_small: dict, queries_large: dict, size: str) -> None:
    floor = ts[0]
    floor_median = statistics.median(floor["samples"])
    floor_rps = floor.get("rps") or 0
    head = (f"{'page':40} {'HTTP':>4} {'cold ms':>8} {'median':>8} {'p95':>8} {'×floor':>7} {'req/s %':>8} "
            f"{'uncached':>9} {'SQL small':>9} {'SQL ' + size:>10}")
    print(head)
    print("-" * len(head))
    for t in ts:
        med = statistics.median(t["samples"]) if t["samples"] else float("nan")
        rps = f"{100 * t['rps'] / floor_rps:7.0f}%" if t.get("rps") and floor_rps else "       –"
        unc = f"{statistics.median(t['uncached']):9.1f}" if t["uncached"] else "        –"
        print(f"{t['label'][:40]:40} {t['status']:>4} {t['cold']:8.1f} {med:8.1f} "
              f"{p95(t['samples']) if t['samples'] else float('nan'):8.1f} {med / floor_median:7.1f} {rps} {unc} "
              f"{queries_small.get(t['label'], '–')!s:>9} {queries_large.get(t['label'], '–')!s:>10}")
    print(f"\nfloor: median {floor_median:.2f} ms, {floor_rps:.0f} req/s (4 client threads, gunicorn 2 workers)")


# --- the whole run ---------------------------------------------------------------------------------------------

def ensure_seeded(db_url: str, size: str) -> None:
    env = {**os.environ, "DATABASE_URL": db_url, "DJANGO_SETTINGS_MODULE": "secretariat.settings"}
    check = subprocess.run([PY, "-c", "import django; django.setup(); from secretariat.cases.models import Case; "
                                      "print(Case.objects.count())"], env=env, cwd=ROOT, capture_output=True, text=True)
    if check.returncode == 0 and int(check.stdout.strip() or 0) > 0:
        return
    name = urlsplit(db_url).path.lstrip("/")
    host = urlsplit(db_url)
    subprocess.run(["createdb", "-h", host.hostname or "127.0.0.1", "-U", host.username or "postgres", name],
                   capture_output=True)
    print(f"seeding {name} ({size}) …", flush=True)
    subprocess.run([PY, "manage.py", "migrate", "-v0"], env=env, cwd=ROOT, check=True)
    subprocess.run([PY, "manage.py", "seed_scale", "--size", size], env=env, cwd=ROOT, check=True)


def other_benchmarks() -> None:
    print("\nnotice document, 40 items (benchmarks/documents_notice.py):")
    out = subprocess.run([PY, str(ROOT / "benchmarks" / "documents_notice.py"), "--items", "40", "--runs", "3"],
                         cwd=ROOT, capture_output=True, text=True, env={**os.environ, "DATABASE_URL": ""})
    print("  " + "\n  ".join((out.stdout or out.stderr).strip().splitlines()[-4:]))
    print("\nCalDAV full and no-change sync (benchmarks/caldav_sync.py):")
    try:
        import radicale  # noqa: F401
    except ImportError:
        print("  skipped: Radicale is not installed in this environment (pip install radicale)")
        return
    out = subprocess.run([PY, str(ROOT / "benchmarks" / "caldav_sync.py"), "--meetings", "300"], cwd=ROOT,
                         capture_output=True, text=True, env={**os.environ, "DATABASE_URL": ""})
    print("  " + "\n  ".join((out.stdout or out.stderr).strip().splitlines()[-4:]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", choices=["small", "medium", "large"], default="large")
    parser.add_argument("--db", help=f"database of this size (default {DEFAULT_DB})")
    parser.add_argument("--small-db", help="database seeded with --size small, for the query counts")
    parser.add_argument("--cache-url", default=os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/8"),
                        help="the shared cache gunicorn's workers use (emptied at the start)")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--budget", type=float, default=20.0, help="seconds of samples per page at most")
    parser.add_argument("--seconds", type=float, default=2.0, help="throughput run per page")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--skip-others", action="store_true", help="no notice document and CalDAV figures")
    parser.add_argument("--only", default="", help="comma-separated words: measure only the pages whose label "
                                                  "contains one (the floor always), e.g. --only 'ical,dashboard'")
    parser.add_argument("--count-queries-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.only:
        os.environ["SAKSGANG_BENCHMARK_ONLY"] = args.only  # read by targets(), here and in the counting child
    if args.count_queries_child:
        _count_queries_child()
        return
    db = args.db or DEFAULT_DB.format(size=args.size)
    small_db = args.small_db or DEFAULT_DB.format(size="small")
    ensure_seeded(db, args.size)
    if small_db != db:
        ensure_seeded(small_db, "small")
    os.environ.update(DATABASE_URL=db, DJANGO_SETTINGS_MODULE="secretariat.settings", CACHE_URL="")
    import django

    django.setup()
    if args.cache_url:
        import redis

        redis.Redis.from_url(args.cache_url).flushdb()
    ts = targets()
    queries_small = count_queries(small_db)
    queries_large = count_queries(db)
    with Server(db, args.port, args.cache_url):
        measure(args.port, ts, args.rounds, args.budget, args.seconds, args.cache_url)
    print(f"\nSaksgang benchmarks, size {args.size} ({db.rsplit('/', 1)[-1]}), {time.strftime('%Y-%m-%d %H:%M')}\n")
    print_table(ts, queries_small, queries_large, args.size)
    if not args.skip_others:
        other_benchmarks()


if __name__ == "__main__":
    main()
