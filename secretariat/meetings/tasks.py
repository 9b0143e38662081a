"""E-mail for meetings, sent by Celery after the transaction that caused it has committed."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from .models import Absence, Meeting
from .selectors import absent_for_whole_meeting, notice_data, notice_recipients


def public_meeting_url(meeting: Meeting) -> str:
    """Where the public papers are (the innsyn portal's meeting page when it exists)."""
    base = settings.SAKSGANG_BASE_URL.rstrip("/")
    for name in ("innsyn:meeting", "innsyn:meeting_detail"):
        try:
            return base + reverse(name, args=[meeting.pk])
        except NoReverseMatch:
            continue
    return f"{base}/innsyn/moter/{meeting.pk}/"


def _when(meeting_data: dict) -> str:
    start = meeting_data["start"]
    return f"{start:%d.%m.%Y kl. %H:%M}"


def notice_text(meeting: Meeting, *, item_ids: list[int] | None = None, substitute_for: str = "") -> str:
    """The notice as plain text. E-mail is not a secure channel: exempt and closed items by public title only."""
    data = notice_data(meeting, public=True)
    m = data["meeting"]
    url = public_meeting_url(meeting)
    lines = []
    if substitute_for:
        lines.append(f"Du er innkalt som varamedlem for {substitute_for}.\n")
    lines += [
        f"{'Tilleggsinnkalling' if item_ids else 'Innkalling'} til møte i {m['organization']}",
        f"Tid: {_when(m)}",
        f"Sted: {'Fjernmøte – ' + m['remote_link'] if m['is_remote'] else (m['location'] or 'kommer')}",
        "",
        "Saksliste:" if not item_ids else "Tilleggssaker:",
    ]
    for item in data["items"]:
        if item_ids and item["id"] not in item_ids:
            continue
        mark = ""
        if item["closed"]:
            mark = f" (lukket, {item['closed_basis_label']})"
        elif item["exempt"]:
            mark = f" ({item['exempt_marking']})"
        lines.append(f"  {item['label']} {item['title']}{mark}")
        if item["arkivsaksnummer"]:
            lines.append(f"      Arkivsak {item['arkivsaksnummer']}")
    if data["questions"] and not item_ids:
        lines += ["", "Spørsmål og interpellasjoner:"]
        lines += [f"  {q['label']} fra {q['by']}: {q['title'] or q['exempt_marking']}" for q in data["questions"]]
    lines += [
        "",
        f"Sakspapirene: {url}",
        "",
        "Meld forfall så snart som mulig i Saksgang eller til politisk sekretariat, så vi kan kalle inn vara.",
    ]
    return "\n".join(lines)


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_meeting_notice(self, meeting_id: int, item_ids: list[int] | None = None) -> int:
    """The notice (or a supplementary notice) to every member and every called-in substitute."""
    meeting = Meeting.objects.select_related("organization").get(pk=meeting_id)
    subject_kind = "Tilleggsinnkalling" if item_ids else "Innkalling"
    subject = f"{subject_kind}: {meeting.organization.name} {timezone.localtime(meeting.start):%d.%m.%Y}"
    messages = []
    for row in notice_recipients(meeting):
        sub_for = row["substitute_for"].person.name if row["substitute_for"] else ""
        messages.append(EmailMessage(subject, notice_text(meeting, item_ids=item_ids, substitute_for=sub_for),
                                     None, [row["email"]]))
    if not messages:
        return 0
    with get_connection() as connection:
        return connection.send_messages(messages) or 0


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_substitute_call(self, absence_id: int, substitute_id: int | None = None) -> int:
    """Tell a called-in substitute, with the agenda (koml. § 7-10). Checked again when the task runs: a call
    withdrawn in the meantime (she reported absence herself, another was called) sends nothing."""
    absence = Absence.objects.select_related("meeting__organization", "substitute__person",
                                             "membership__person").filter(pk=absence_id).first()
    if absence is None or absence.substitute_id is None or absence.substitute_confirmed_at is None:
        return 0
    if substitute_id is not None and absence.substitute_id != substitute_id:
        return 0
    if absence.substitute_id in absent_for_whole_meeting(absence.meeting):
        return 0
    person = absence.substitute.person
    if not person.email:
        return 0
    meeting = absence.meeting
    items = list(absence.items.values_list("pk", flat=True))
    body = notice_text(meeting, substitute_for=absence.membership.person.name)
    if items:
        labels = ", ".join(i.label for i in absence.items.all())
        body = f"Du møter bare i disse sakene: {labels}.\n\n" + body
    subject = f"Innkalling som vara: {meeting.organization.name} {timezone.localtime(meeting.start):%d.%m.%Y}"
    sent = EmailMessage(subject, body, None, [person.email]).send()
    Absence.objects.filter(pk=absence.pk).update(substitute_notified_at=timezone.now())
    return sent


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_meeting_cancelled(self, meeting_id: int) -> int:
    meeting = Meeting.objects.select_related("organization").get(pk=meeting_id)
    subject = f"Avlyst: {meeting.organization.name} {timezone.localtime(meeting.start):%d.%m.%Y}"
    body = (f"Møtet i {meeting.organization.name} {timezone.localtime(meeting.start):%d.%m.%Y kl. %H:%M} er avlyst.\n"
            f"Grunn: {meeting.cancelled_reason}\n")
    messages = [EmailMessage(subject, body, None, [row["email"]]) for row in notice_recipients(meeting)]
    if not messages:
        return 0
    with get_connection() as connection:
        return connection.send_messages(messages) or 0
