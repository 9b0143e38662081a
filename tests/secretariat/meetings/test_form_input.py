"""Issue 12 item 1: every action of the meeting page and møtemodus reads its input through a Django form
(secretariat/meetings/forms.py with secretariat.common.forms' rules). Bad input to each action, posted as the
fagleder through the HTTP client, is a Norwegian message with nothing changed, never a 500, and an id from
another meeting (or a member of another organ) is refused, never an action on someone else's data."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.urls import reverse

from secretariat.common.validators import CONTROL_CHARACTER_MESSAGE
from secretariat.meetings.models import (
    Absence,
    ActingChair,
    AgendaItem,
    Attendance,
    Minutes,
    Proposal,
    ProtocolRemark,
    Recusal,
)
from secretariat.meetings.services import (
    absence_register,
    agenda_item_add_other,
    attendance_fill_from_notice,
    meeting_create,
    meeting_send_notice,
)
from tests.factories import MembershipFactory, OrganizationFactory
from workflows.models import AuditEntry

NUL = "Ap\x00"
HUGE = "99999999999999999999"  # more than a PostgreSQL integer
UNKNOWN = "2147480000"
ITEM_MISSING = "Velg en sak på sakslisten."
ITEM_UNKNOWN = "Ukjent sak på sakslisten."
MEMBER_UNKNOWN = "Velg et medlem av organet."
TOO_LONG = "eller færre tegn"  # Django's own (nb) max_length message


@pytest.fixture
def ctx(fsk, meeting, fagleder):
    items = [agenda_item_add_other(actor=fagleder, meeting=meeting, kind="OS", title=f"Orientering {n}")
             for n in (1, 2)]
    meeting_send_notice(actor=fagleder, meeting=meeting)
    attendance_fill_from_notice(actor=fagleder, meeting=meeting)
    other = meeting_create(actor=fagleder, organization=fsk.org, start=meeting.start + dt.timedelta(days=7),
                           end=meeting.start + dt.timedelta(days=7, hours=2), location="Salen")
    other_item = agenda_item_add_other(actor=fagleder, meeting=other, kind="OS", title="Annen orientering")
    other_absence = absence_register(actor=fagleder, meeting=other, membership=fsk.m.aud, reason="Syk")
    meeting_send_notice(actor=fagleder, meeting=other)
    attendance_fill_from_notice(actor=fagleder, meeting=other)
    return SimpleNamespace(
        meeting=meeting, item=items[0], items=items, other=other, other_item=other_item,
        other_absence=other_absence, other_attendance=other.attendances.first(),
        attendance=meeting.attendances.first(), member=fsk.m.anders, sub=fsk.s.arne,
        stranger=MembershipFactory(organization=OrganizationFactory()))


def _snapshot():
    """What any of the actions could have written: every write is audited, and the rows themselves."""
    return (AuditEntry.objects.count(),
            sorted(AgendaItem.objects.values_list("pk", "meeting_id", "position", "closed_basis",
                                                  "video_offset_seconds")),
            sorted(Attendance.objects.values_list("pk", "membership_id", "arrived_before_id", "left_before_id")),
            Absence.objects.count(), Recusal.objects.count(), Proposal.objects.count(),
            ProtocolRemark.objects.count(), ActingChair.objects.count(), Minutes.objects.count())


def _pk(x):
    return str(x.pk)


# (action, the posted data built from ctx, a part of the expected message)
CASES = [
    # take an item off the agenda / move it
    ("remove", lambda c: {}, ITEM_MISSING),
    ("remove", lambda c: {"item": "abc"}, ITEM_UNKNOWN),
    ("remove", lambda c: {"item": UNKNOWN}, ITEM_UNKNOWN),
    ("remove", lambda c: {"item": HUGE}, ITEM_UNKNOWN),
    ("remove", lambda c: {"item": _pk(c.other_item)}, ITEM_UNKNOWN),
    ("remove", lambda c: {"item": _pk(c.item) + "\x00"}, CONTROL_CHARACTER_MESSAGE),
    ("move", lambda c: {"item": _pk(c.other_item), "direction": "up"}, ITEM_UNKNOWN),
    ("move", lambda c: {"item": _pk(c.items[1]), "direction": "sideways"}, "Flytt saken opp eller ned."),
    ("move", lambda c: {"item": _pk(c.items[1]), "direction": "up\x00"}, CONTROL_CHARACTER_MESSAGE),
    # close (koml. § 11-5)
    ("close", lambda c: {"item": _pk(c.other_item), "closed_basis": "11-5-2-a"}, ITEM_UNKNOWN),
    ("close", lambda c: {"item": "1.5", "closed_basis": "11-5-2-a"}, ITEM_UNKNOWN),
    ("close", lambda c: {"item": _pk(c.item), "closed_basis": "x" * 5000}, "koml. § 11-5"),
    # add a case / an RS or OS / the supplementary notice
    ("add_case", lambda c: {}, "Velg en sak."),
    ("add_case", lambda c: {"case": "abc"}, "Velg en sak."),
    ("add_case", lambda c: {"case": HUGE}, "Velg en sak."),
    ("add_other", lambda c: {"kind": "OS", "title": NUL}, CONTROL_CHARACTER_MESSAGE),
    ("add_other", lambda c: {"kind": "O\x00S", "title": "Orientering"}, CONTROL_CHARACTER_MESSAGE),
    ("supplementary_notice", lambda c: {"override_reason": NUL}, CONTROL_CHARACTER_MESSAGE),
    ("supplementary_notice", lambda c: {"override_reason": "x" * 10_001}, TOO_LONG),
    # forfall and the substitute
    ("absence", lambda c: {"reason": "Syk"}, "Velg hvem som har forfall."),
    ("absence", lambda c: {"membership": _pk(c.stranger)}, MEMBER_UNKNOWN),
    ("absence", lambda c: {"membership": "abc"}, MEMBER_UNKNOWN),
    ("absence", lambda c: {"membership": _pk(c.member), "items": [_pk(c.other_item)]}, ITEM_UNKNOWN),
    ("absence", lambda c: {"membership": _pk(c.member), "items": ["abc"]}, ITEM_UNKNOWN),
    ("absence", lambda c: {"membership": _pk(c.member), "reason": "x" * 301}, TOO_LONG),
    ("absence", lambda c: {"membership": _pk(c.member), "reason": NUL}, CONTROL_CHARACTER_MESSAGE),
    ("confirm_substitute", lambda c: {}, "Velg hvilket forfall det gjelder."),
    ("confirm_substitute", lambda c: {"absence": _pk(c.other_absence)}, "Forfallet finnes ikke i dette møtet."),
    ("confirm_substitute", lambda c: {"absence": "abc"}, "Forfallet finnes ikke i dette møtet."),
    # oppmøte
    ("attend", lambda c: {}, "Velg hvem som møter."),
    ("attend", lambda c: {"membership": _pk(c.stranger)}, MEMBER_UNKNOWN),
    ("attend", lambda c: {"membership": _pk(c.sub), "substitute_for": _pk(c.stranger)}, MEMBER_UNKNOWN),
    ("attend", lambda c: {"membership": _pk(c.sub), "arrived_before": _pk(c.other_item)}, ITEM_UNKNOWN),
    ("attend", lambda c: {"membership": HUGE}, MEMBER_UNKNOWN),
    ("unattend", lambda c: {"attendance": _pk(c.other_attendance)}, "Oppmøtet finnes ikke i dette møtet."),
    ("unattend", lambda c: {"attendance": _pk(c.attendance), "reason": "x" * 301}, TOO_LONG),
    ("depart", lambda c: {"attendance": _pk(c.attendance), "before_item": _pk(c.other_item)}, ITEM_UNKNOWN),
    ("arrive", lambda c: {"attendance": "abc"}, "Oppmøtet finnes ikke i dette møtet."),
    # habilitet (koml. § 11-10)
    ("recusal", lambda c: {}, "Velg sak og medlem."),
    ("recusal", lambda c: {"item": _pk(c.other_item), "membership": _pk(c.member)}, ITEM_UNKNOWN),
    ("recusal", lambda c: {"item": _pk(c.item), "membership": _pk(c.stranger)}, MEMBER_UNKNOWN),
    ("recusal", lambda c: {"item": _pk(c.item), "membership": _pk(c.member), "substitute": _pk(c.stranger)},
     MEMBER_UNKNOWN),
    ("recusal", lambda c: {"item": _pk(c.item), "membership": _pk(c.member), "decided": "kanskje"},
     "Velg om medlemmet er inhabil eller habil."),
    ("recusal", lambda c: {"item": _pk(c.item), "membership": _pk(c.member), "grounds": "x" * 301}, TOO_LONG),
    ("recusal", lambda c: {"item": _pk(c.item), "membership": _pk(c.member), "grounds": NUL},
     CONTROL_CHARACTER_MESSAGE),
    # the item under treatment and the video
    ("current", lambda c: {"item": _pk(c.other_item)}, ITEM_UNKNOWN),
    ("current", lambda c: {"item": "abc"}, ITEM_UNKNOWN),
    ("video", lambda c: {"item": _pk(c.other_item)}, ITEM_UNKNOWN),
    ("video", lambda c: {"item": _pk(c.item), "seconds": "abc"}, "Sekunder må være et helt tall"),
    ("video", lambda c: {"item": _pk(c.item), "seconds": "-1"}, "Sekunder må være et helt tall"),
    ("video", lambda c: {"item": _pk(c.item), "seconds": HUGE}, "Sekunder må være et helt tall"),
    # proposals, votes, the setteleder, decisions, outcomes
    ("proposal", lambda c: {"by": "Ap", "text": "Forslag"}, ITEM_MISSING),
    ("proposal", lambda c: {"item": _pk(c.other_item), "by": "Ap", "text": "Forslag"}, ITEM_UNKNOWN),
    ("proposal", lambda c: {"item": _pk(c.item), "by": "x" * 201, "text": "Forslag"}, TOO_LONG),
    ("proposal", lambda c: {"item": _pk(c.item), "by": NUL, "text": "Forslag"}, CONTROL_CHARACTER_MESSAGE),
    ("proposal", lambda c: {"item": _pk(c.item), "by": "Ap", "text": "x" * 10_001}, TOO_LONG),
    ("vote", lambda c: {"item": _pk(c.other_item), "proposal": "1"}, ITEM_UNKNOWN),
    ("vote", lambda c: {"item": "abc"}, ITEM_UNKNOWN),
    ("chair", lambda c: {"membership": _pk(c.stranger)}, MEMBER_UNKNOWN),
    ("chair", lambda c: {"membership": _pk(c.member), "item": _pk(c.other_item)}, ITEM_UNKNOWN),
    ("decide", lambda c: {"item": _pk(c.other_item), "text": "Vedtak"}, ITEM_UNKNOWN),
    ("decide", lambda c: {"item": _pk(c.item), "text": "Vedtak", "forward_to": "abc"}, "Velg neste organ."),
    ("decide", lambda c: {"item": _pk(c.item), "text": NUL}, CONTROL_CHARACTER_MESSAGE),
    ("decide", lambda c: {"item": _pk(c.item), "text": "Vedtak", "next_step": "x" * 21}, TOO_LONG),
    ("outcome", lambda c: {"item": _pk(c.other_item), "outcome": "utsatt"}, ITEM_UNKNOWN),
    ("outcome", lambda c: {"item": _pk(c.item), "outcome": "utsatt", "comment": NUL}, CONTROL_CHARACTER_MESSAGE),
    # protokoll: tilførsel, vedtakstekst, who signs
    ("remark", lambda c: {"item": _pk(c.other_item), "by": "Ap", "text": "Merknad"}, ITEM_UNKNOWN),
    ("remark", lambda c: {"by": "x" * 201, "text": "Merknad"}, TOO_LONG),
    ("remark", lambda c: {"by": "Ap", "text": NUL}, CONTROL_CHARACTER_MESSAGE),
    ("decision_text", lambda c: {"text": "Ny tekst"}, "Saken har ikke noe vedtak."),
    ("decision_text", lambda c: {"item": _pk(c.other_item), "text": "Ny tekst"}, ITEM_UNKNOWN),
    ("minutes", lambda c: {"signers": ["abc"]}, "Velg medlemmer som møtte."),
    ("minutes", lambda c: {"signers": [UNKNOWN]}, "Velg medlemmer som møtte."),
    ("minutes", lambda c: {"approval_label": "x" * 301}, TOO_LONG),
    ("minutes", lambda c: {"approval_label": NUL}, CONTROL_CHARACTER_MESSAGE),
]


@pytest.mark.parametrize(("action", "data", "expected"), CASES,
                         ids=[f"{a}-{n}" for n, (a, _, _) in enumerate(CASES)])
def test_bad_input_to_a_meeting_action_is_a_message_and_changes_nothing(client, fagleder, ctx, action, data,
                                                                        expected):
    client.force_login(fagleder)
    before = _snapshot()
    response = client.post(reverse("meetings:action", args=[ctx.meeting.pk, action]), data(ctx), follow=True)
    if expected == CONTROL_CHARACTER_MESSAGE:  # refused before any view (common/middleware.py), as a page
        assert response.status_code == 400 and expected in response.content.decode()
    else:
        assert response.status_code == 200
        shown = [str(m) for m in response.context["messages"]]
        assert any(expected in m for m in shown), shown
    assert _snapshot() == before


FORMS_WITH_TEXT = [("AddOtherForm", {}, "title"), ("SupplementaryNoticeForm", {}, "override_reason"),
                   ("AbsenceForm", {"meeting": True}, "reason"), ("RecusalForm", {"meeting": True}, "grounds"),
                   ("ProposalForm", {"meeting": True}, "by"), ("ProposalForm", {"meeting": True}, "text"),
                   ("DecideForm", {"meeting": True}, "text"), ("OutcomeForm", {"meeting": True}, "comment"),
                   ("RemarkForm", {"meeting": True}, "text"), ("DecisionTextForm", {"meeting": True}, "text"),
                   ("MinutesForm", {}, "approval_label"), ("NextForm", {}, "next")]


@pytest.mark.parametrize(("name", "kwargs", "field"), FORMS_WITH_TEXT)
def test_each_forms_text_carries_the_common_rules_itself(ctx, name, kwargs, field):
    """Behind the middleware, the forms apply secretariat.common.forms' rules too (control characters, a bound)."""
    from secretariat.meetings import forms

    form_class = getattr(forms, name)
    kwargs = {"meeting": ctx.meeting} if kwargs else {}
    form = form_class({field: "Ap\x01"}, **kwargs)
    assert not form.is_valid() and CONTROL_CHARACTER_MESSAGE in form.errors[field]
    assert form.fields[field].max_length is not None


def test_the_same_actions_with_this_meetings_ids_go_through(client, fagleder, ctx):
    """The forms refuse only what is wrong: the meeting's own item, member and attendance are accepted."""
    client.force_login(fagleder)
    url = lambda action: reverse("meetings:action", args=[ctx.meeting.pk, action])  # noqa: E731
    anders = ctx.meeting.attendances.get(membership=ctx.member)
    client.post(url("unattend"), {"attendance": _pk(anders), "reason": "Feil"})
    assert not Attendance.objects.filter(pk=anders.pk).exists()
    client.post(url("absence"), {"membership": _pk(ctx.member), "items": [_pk(ctx.items[1])], "reason": "Syk"})
    absence = Absence.objects.get(meeting=ctx.meeting, membership=ctx.member)
    assert list(absence.items.all()) == [ctx.items[1]] and absence.reason == "Syk"
    client.post(url("move"), {"item": _pk(ctx.items[1]), "direction": "up"})
    ctx.items[1].refresh_from_db()
    assert ctx.items[1].position == 1
    client.post(url("recusal"), {"item": _pk(ctx.item), "membership": _pk(ctx.member), "decided": "0"})
    assert Recusal.objects.get(agenda_item=ctx.item, membership=ctx.member).decided is False


def test_a_next_that_is_too_long_is_ignored(client, fagleder, ctx):
    client.force_login(fagleder)
    response = client.post(reverse("meetings:action", args=[ctx.meeting.pk, "video_start"]),
                           {"next": f"/intern/moter/{ctx.meeting.pk}/?" + "x" * 3000})
    assert response.status_code == 302 and response["Location"] == f"/intern/moter/{ctx.meeting.pk}/"
