"""Bring a case to a given state through the real services (the same path a user takes)."""

import datetime as dt

from django.utils import timezone

from secretariat.cases.models import Case
from secretariat.cases.services import case_create, case_transition
from secretariat.meetings.services import agenda_item_add, meeting_create

COMPLETE_PAPER = {
    "summary": "Kommunen vil bygge en ny gangveg. Den gjør skolevegen tryggere.",
    "background": "Bakgrunn.",
    "assessment": "Vurdering.",
    "recommendation": "Formannskapet vedtar å bygge gangvegen.",
}

PATHS = {
    "utredning": [],
    "til_godkjenning": ["submit"],
    "klar": ["submit", "approve"],
    "satt_opp": ["submit", "approve", "schedule"],
    "behandlet": ["submit", "approve", "schedule", "decide"],
    "til_neste_organ": ["submit", "approve", "schedule", "decide", "forward"],
    "vedtatt": ["submit", "approve", "schedule", "decide", "finalize"],
    "i_oppfolging": ["submit", "approve", "schedule", "decide", "finalize", "start_follow_up"],
    "avsluttet": ["submit", "approve", "schedule", "decide", "finalize", "start_follow_up", "close"],
    "utsatt": ["submit", "approve", "schedule", "postpone"],
    "sendt_tilbake": ["submit", "approve", "schedule", "send_back"],
    "trukket": ["withdraw"],
}

_counter = {"n": 0}


def new_case(*, organization, officer, **overrides) -> Case:
    _counter["n"] += 1
    data = {"arkivsaksnummer": f"26/{9000 + _counter['n']}", "title": f"Testsak {_counter['n']}", **COMPLETE_PAPER}
    data.update(overrides)
    return case_create(actor=officer, organization=organization, **data)


def case_in_state(state: str, *, organization, officer, fagleder, kommunedirektor, **overrides) -> Case:
    case = new_case(organization=organization, officer=officer, **overrides)
    for step in PATHS[state]:
        case.refresh_from_db()
        if step == "submit":
            case_transition(case=case, name="submit", actor=officer)
        elif step == "approve":
            case_transition(case=case, name="approve", actor=kommunedirektor)
        elif step == "schedule":
            start = timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=40),
                                                            dt.time(18)))
            meeting = meeting_create(actor=fagleder, organization=case.current_consultation.organization,
                                     start=start)
            agenda_item_add(actor=fagleder, meeting=meeting, case=case)
        elif step == "decide":
            decide_in_meeting(case, actor=fagleder, text="Vedtatt som innstilt.")
        elif step == "forward":
            case_transition(case=case, name="forward", actor=fagleder, organization=None)
        elif step == "withdraw":
            case_transition(case=case, name="withdraw", actor=fagleder, comment="Trukket av kommunedirektøren.")
        else:
            case_transition(case=case, name=step, actor=fagleder, comment="Test.")
    case.refresh_from_db()
    assert case.state == state
    return case


def make_quorate(item) -> None:
    """Plant attendance so the body is quorate in `item` (koml. § 11-9: at least half the seats present).

    The body's own members count first. Tests that are not about who sits in the body often have too few
    members for the seats; the rest are planted as memberships that ended long ago, so they never show up
    among the body's members or substitutes on any current day."""
    from secretariat.meetings import selectors
    from secretariat.meetings.models import Attendance
    from tests.factories import MembershipFactory

    meeting = item.meeting
    present = set(meeting.attendances.values_list("membership_id", flat=True))
    spare = [m for m in selectors.memberships_for(meeting).regular() if m.pk not in present]
    while not selectors.quorum(meeting, item).ok:
        member = spare.pop(0) if spare else MembershipFactory(
            organization=meeting.organization, start_date=dt.date(2000, 1, 1), end_date=dt.date(2000, 12, 31))
        Attendance.objects.create(meeting=meeting, membership=member)


def decide_in_meeting(case, *, actor, text: str, agenda_item=None):
    """The body decides the case in the meeting it is on the agenda of, with a quorum (koml. § 11-9)."""
    item = agenda_item or case.current_consultation.agenda_items.order_by("-meeting__start").first()
    make_quorate(item)
    case.refresh_from_db()
    return case_transition(case=case, name="decide", actor=actor, decision_text=text, agenda_item=item)


def run_at_once(n: int, work, timeout: float = 180.0) -> tuple[list, list[str]]:
    """Run `work(i)` for i in 0..n-1 in n real threads released together (each with its own database connection;
    use in transactional tests). Returns the results and the errors as text; fails if a thread hangs."""
    import threading

    from django.db import connection

    barrier = threading.Barrier(n)
    results, errors = [], []

    def run(i):
        try:
            barrier.wait(timeout=30)
            results.append(work(i))
        except Exception as exc:  # noqa: BLE001 (returned to the test, which asserts there are none)
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=timeout)
    assert not any(t.is_alive() for t in threads), "a thread hung"
    return results, errors


def meeting_took_place(meeting, *, hours_ago: int = 3):
    """Time passes: a meeting planned ahead (to keep the notice deadline) has now started and ended. A meeting can't
    be marked held, nor its minutes approved, before it starts (koml. § 11-3), so tests that run a whole meeting
    cycle move its stored time into the past, as the clock would."""
    from secretariat.meetings.models import Meeting

    length = (meeting.end - meeting.start) if meeting.end else dt.timedelta(hours=2)
    start = timezone.now() - dt.timedelta(hours=hours_ago)
    Meeting.objects.filter(pk=meeting.pk).update(start=start, end=start + length)
    meeting.start, meeting.end = start, start + length
    return meeting


WORD_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_paragraphs(content: bytes) -> list[str]:
    """An independent reader (not python-docx): the paragraphs of word/document.xml, via zipfile and lxml."""
    import io
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(content)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(f"{WORD_NS}t")) for p in root.iter(f"{WORD_NS}p")]


def database_url(name: str | None = None) -> str:
    """DATABASE_URL of the test database (or of database `name` on the same server), for a subprocess."""
    from django.db import connection

    d = connection.settings_dict
    password = f":{d['PASSWORD']}" if d.get("PASSWORD") else ""
    return (f"postgres://{d.get('USER') or 'postgres'}{password}@{d.get('HOST') or '127.0.0.1'}:"
            f"{d.get('PORT') or 5432}/{name or d['NAME']}")


def admin_dsn() -> str:
    """A libpq connection string to the server's `postgres` database (CREATE/DROP DATABASE, pg_terminate_backend)."""
    from django.db import connection

    d = connection.settings_dict
    return f"host={d.get('HOST') or '127.0.0.1'} port={d.get('PORT') or 5432} user={d.get('USER') or 'postgres'} " \
           "dbname=postgres"


def someone_waits_for_a_lock(timeout: float = 20.0) -> bool:
    """Poll PostgreSQL until a session of this test's database waits for a lock (not a clock: the database says when
    it blocks). For tests that force an interleaving: one side held open in a transaction, the other started, then
    this, then the first released. False if nobody waited within `timeout`."""
    import time

    from django.db import connections

    deadline = time.monotonic() + timeout
    with connections["default"].cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                           "AND wait_event_type = 'Lock'")
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.05)
    return False
