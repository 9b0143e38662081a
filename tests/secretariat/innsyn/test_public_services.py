"""The portal links the secretariat's other public services: follow-up reports, weddings, calls for candidates."""

import datetime as dt

from django.urls import reverse

from secretariat.followups.models import FollowUpReport


def test_the_portal_lists_followup_reports_and_links_public_services(client, kommunestyret):
    report = FollowUpReport.objects.create(organization=kommunestyret, period_start=dt.date(2026, 1, 1),
                                           period_end=dt.date(2026, 6, 30))
    page = client.get(reverse("innsyn:followup_reports")).content.decode()
    assert reverse("followups:report_public", args=[report.pk]) in page
    assert "Kommunestyret" in page
    for name in ("weddings:book", "appointments:public_calls", "innsyn:followup_reports"):
        assert reverse(name) in page
    assert client.get(reverse("followups:report_public", args=[report.pk])).status_code == 200
