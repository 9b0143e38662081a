from django.shortcuts import render
from django.utils import timezone

from secretariat.meetings.models import Meeting
from workflows.meeting import MeetingState


def index(request):
    upcoming = (
        Meeting.objects.filter(start__gte=timezone.now())
        .exclude(state=MeetingState.AVLYST)
        .select_related("organization")
        .order_by("start")[:20]
    )
    return render(request, "innsyn/index.html", {"upcoming": upcoming})
