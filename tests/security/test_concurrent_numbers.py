"""Agenda numbers under concurrency (issue 12, part 4): additions to different meetings of the same body at the
same moment get unique, consecutive numbers from the locked counter row, and none fails. Real threads, each with
its own PostgreSQL connection and transaction."""

import datetime as dt

import pytest
from django.utils import timezone

from secretariat.meetings.models import AgendaCounter, AgendaItem, AgendaItemKind
from secretariat.meetings.services import agenda_item_add, agenda_item_add_other, meeting_create
from tests.helpers import case_in_state, run_at_once

pytestmark = pytest.mark.django_db(transaction=True)

N = 20


def _meetings(organization, fagleder, n):
    # All in one (future) year: numbering is per organization and year.
    first = dt.date(timezone.localdate().year + 1, 2, 2)
    return [meeting_create(actor=fagleder, organization=organization,
                           start=timezone.make_aware(dt.datetime.combine(first + dt.timedelta(days=i), dt.time(18))))
            for i in range(n)]


def test_20_concurrent_additions_to_different_meetings_get_20_unique_numbers(
        formannskapet, fagleder, saksbehandler, kommunedirektor):
    cases = [case_in_state("klar", organization=formannskapet, officer=saksbehandler, fagleder=fagleder,
                           kommunedirektor=kommunedirektor) for _ in range(N)]
    meetings = _meetings(formannskapet, fagleder, N)

    numbers, errors = run_at_once(N, lambda i: agenda_item_add(actor=fagleder, meeting=meetings[i],
                                                               case=cases[i]).number)

    assert errors == []
    assert sorted(numbers) == list(range(1, N + 1))
    year = meetings[0].start.year
    stored = AgendaItem.objects.filter(organization=formannskapet, kind=AgendaItemKind.PS, year=year)
    assert sorted(stored.values_list("number", flat=True)) == list(range(1, N + 1))
    assert AgendaCounter.objects.get(organization=formannskapet, kind=AgendaItemKind.PS, year=year).last_number == N


def test_concurrent_referatsaker_are_numbered_in_their_own_series(formannskapet, fagleder):
    meetings = _meetings(formannskapet, fagleder, 10)
    numbers, errors = run_at_once(10, lambda i: agenda_item_add_other(
        actor=fagleder, meeting=meetings[i], kind=AgendaItemKind.RS, title=f"Referat {i}").number)
    assert errors == []
    assert sorted(numbers) == list(range(1, 11))


def test_a_number_is_never_given_twice_even_after_an_item_is_removed_or_was_numbered_before_the_counter(
        formannskapet, fagleder):
    (meeting,) = _meetings(formannskapet, fagleder, 1)
    first = agenda_item_add_other(actor=fagleder, meeting=meeting, kind=AgendaItemKind.OS, title="Orientering 1")
    # An item numbered before the counter existed (the rows of an older version) is respected.
    AgendaCounter.objects.all().delete()
    AgendaItem.objects.filter(pk=first.pk).update(number=7)
    second = agenda_item_add_other(actor=fagleder, meeting=meeting, kind=AgendaItemKind.OS, title="Orientering 2")
    assert second.number == 8
    AgendaItem.objects.filter(pk=second.pk).delete()
    third = agenda_item_add_other(actor=fagleder, meeting=meeting, kind=AgendaItemKind.OS, title="Orientering 3")
    assert third.number == 9
