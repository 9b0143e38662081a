"""The portal's own content: the editable "Slik kan du påvirke" page and public consultations (høringer)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from secretariat.organizations.models import Organization


class InfluencePage(models.Model):
    """"Slik kan du påvirke": one page per kommune, written by the secretariat (KS Kommunekompasset)."""

    intro = models.TextField("innledning", blank=True)
    contact_politicians = models.TextField("kontakt politikerne", blank=True)
    question_time = models.TextField("åpen spørretime", blank=True)
    citizen_proposal = models.TextField(
        "innbyggerforslag", blank=True, help_text="Terskelen (koml. § 12-1) regnes ut og vises automatisk."
    )
    hearings_intro = models.TextField("om høringer", blank=True)
    updated_at = models.DateTimeField("endret", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="endret av",
    )

    class Meta:
        verbose_name = "«Slik kan du påvirke»-side"
        verbose_name_plural = "«Slik kan du påvirke»-side"

    def __str__(self) -> str:
        return "Slik kan du påvirke"

    @classmethod
    def current(cls) -> InfluencePage:
        page = cls.objects.order_by("pk").first()
        return page if page is not None else cls()


class HearingQuerySet(models.QuerySet):
    def open_on(self, day=None):
        day = day or timezone.localdate()
        return self.filter(published=True, opens__lte=day, deadline__gte=day)


class Hearing(models.Model):
    """A public consultation (høring / offentlig ettersyn) citizens can answer."""

    title = models.CharField("tittel", max_length=250)
    summary = models.TextField("kort fortalt", help_text="Hva høringen gjelder, i klarspråk.")
    organization = models.ForeignKey(
        Organization, on_delete=models.SET_NULL, null=True, blank=True, related_name="hearings", verbose_name="organ"
    )
    url = models.URLField("lenke til høringsdokumentene", blank=True)
    how_to_respond = models.TextField("slik svarer du", blank=True)
    opens = models.DateField("åpner", default=timezone.localdate)
    deadline = models.DateField("høringsfrist")
    published = models.BooleanField("publisert", default=True)
    created_at = models.DateTimeField("opprettet", auto_now_add=True)

    objects = HearingQuerySet.as_manager()

    class Meta:
        verbose_name = "høring"
        verbose_name_plural = "høringer"
        ordering = ["deadline", "title"]

    def __str__(self) -> str:
        return self.title
