"""{% live_panel meeting %}: the møteleder's live controls (talerliste and electronic votes) on the møtemodus
page (meetings/live.html); the panel updates itself over the websocket."""

from django import template

from .. import selectors
from ..views import socket_path

register = template.Library()


@register.inclusion_tag("live/_control_panel.html", takes_context=True)
def live_panel(context, meeting):
    request = context["request"]
    state = selectors.live_state(meeting, selectors.Viewer(selectors.CONTROL, request.user))
    return {"meeting": meeting, "state": state, "socket_path": socket_path(meeting, selectors.CONTROL),
            "csrf_token": context.get("csrf_token"), "request": request,
            "member_url": f"/intern/direkte/{meeting.pk}/", "public_url": f"/innsyn/moter/{meeting.pk}/direkte/"}
