"""Delegerte vedtak: decisions the administration (or a leader) made under authority delegated by a political body
(the delegeringsreglement, koml. § 5-14 and § 13-1), registered here and reported back to the body as
referatsaker (RS) on a meeting's agenda."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

from secretariat.cases.exemptions import ExemptionBasis, exemption_marking
from secretariat.cases.models import validate_exemption
from secretariat.organizations.models import Organization

ARKIVSAK_RE = r"^\d{2,4}/\d{1,7}$"


class DelegatedDecision(models.Model):
    decided_on = models.DateField("vedtaksdato")
    decided_by = models.CharField("vedtatt av (enhet/rolle)", max_length=200,
                                  help_text="F.eks. «Kommunedirektøren» eller «Virksomhetsleder plan og bygg».")
    authority = models.CharField("hjemmel i delegeringsreglementet", max_length=300,
                                 help_text="F.eks. «Delegeringsreglementet pkt. 4.2, plan- og bygningsloven § 20-1».")
    title = models.CharField("tittel", max_length=250)
    arkivsaksnummer = models.CharField(
        "arkivsaksnummer", max_length=12, blank=True,
        validators=[RegexValidator(ARKIVSAK_RE, "Arkivsaksnummer skrives som år/løpenummer, f.eks. 26/1234.")])
    exempt = models.BooleanField("unntatt offentlighet", default=False)
    exempt_basis = models.CharField("hjemmel for unntak", max_length=30, choices=ExemptionBasis.choices, blank=True)
    public_title = models.CharField("offentlig tittel", max_length=250, blank=True,
                                    help_text="Anonymisert tittel som vises offentlig når vedtaket er unntatt.")
    report_to = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="delegated_decisions",
                                  verbose_name="meldes til")
    # Set when it is reported: the RS item on the body's agenda (`reported_at`: when it was last reported).
    agenda_item = models.OneToOneField("meetings.AgendaItem", on_delete=models.SET_NULL, null=True, blank=True,
                                       related_name="delegated_decision", verbose_name="meldt som")
    reported_at = models.DateTimeField("meldt", null=True, blank=True)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="+", verbose_name="registrert av")
    created_at = models.DateTimeField("registrert", auto_now_add=True)

    class Meta:
        verbose_name = "delegert vedtak"
        verbose_name_plural = "delegerte vedtak"
        ordering = ["-decided_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.decided_on:%d.%m.%Y} {self.title}"

    def clean(self):
        # The same rule as for cases (offl. § 16 (1): not offl. § 14 on a political body's saksliste).
        validate_exemption(exempt=self.exempt, basis=self.exempt_basis, public_title=self.public_title)

    @property
    def exempt_marking(self) -> str:
        return exemption_marking(self.exempt_basis) if self.exempt else ""

    @property
    def reported(self) -> bool:
        """On an agenda as RS. If that item is taken off the agenda again (before its notice), the link is cleared
        (SET_NULL) and the decision is unreported: it can be reported to a later meeting."""
        return self.agenda_item_id is not None
