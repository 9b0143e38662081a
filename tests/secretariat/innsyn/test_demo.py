from secretariat.demo.core import seed_core
from secretariat.innsyn import demo
from secretariat.innsyn.models import Hearing, InfluencePage
from secretariat.meetings.models import AgendaItem


def test_demo_seeds_portal_content_once(db, client):
    ctx = seed_core()
    demo.seed(ctx)
    demo.seed(ctx)
    assert InfluencePage.objects.count() == 1 and Hearing.objects.count() == 1
    past = ctx.meetings["past"]["kommunestyret"]
    past.refresh_from_db()
    assert past.video_url
    assert AgendaItem.objects.filter(meeting=past, video_offset_seconds__isnull=False).exists()
    upcoming = ctx.meetings["upcoming"]["kommunestyret"]
    assert AgendaItem.objects.filter(meeting=upcoming).count() >= 2
    page = client.get(f"/innsyn/moter/{upcoming.pk}/kort-fortalt/").content.decode()
    assert "Dette skal kommunestyret behandle" in page and "Forslaget er å bygge en ny stasjon" in page
