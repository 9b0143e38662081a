"""Cases (saker), their case papers (saksframlegg) and their consultations (behandlinger)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import RegexValidator
from django.db import models

from secretariat.organizations.models import AdministrativeUnit, Organization
from workflows.case import CaseState, CaseWorkflow, summary_max_chars
from workflows.errors import GuardFailed

from .exemptions import FORBIDDEN_FOR_POLITICAL_CASES, ExemptionBasis, exemption_marking, required_closed_basis

ARKIVSAK_RE = r"^\d{2}/\d{1,6}$"
TITLE_MAX = 250


class Case(CaseWorkflow):
    """One political matter (sak), followed from drafting through every body to implementation."""

    arkivsaksnummer = models.CharField(
        "arkivsaksnummer",
        max_length=12,
        # Blank while the kommune's archive has not yet answered for the case's saksmappe (issue 14: with an
        # archive connection the number comes from the archive; secretariat.archive.services).
        blank=True,
        validators=[RegexValidator(ARKIVSAK_RE, "Arkivsaksnummer skrives som år/løpenummer, f.eks. 26/1234.")],
    )
    title = models.CharField("tittel", max_length=TITLE_MAX)
    public_title = models.CharField(
        "offentlig tittel",
        max_length=TITLE_MAX,
        blank=True,
        help_text="Anonymisert tittel som vises offentlig når saken er unntatt offentlighet.",
    )
    exempt = models.BooleanField("unntatt offentlighet", default=False)
    exempt_basis = models.CharField(
        "hjemmel for unntak", max_length=30, choices=ExemptionBasis.choices, blank=True
    )
    case_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name="saksbehandler",
    )
    responsible_unit = models.ForeignKey(
        AdministrativeUnit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name="ansvarlig enhet",
    )
    created_at = models.DateTimeField("opprettet", auto_now_add=True)
    updated_at = models.DateTimeField("endret", auto_now=True)

    class Meta:
        verbose_name = "sak"
        verbose_name_plural = "saker"
        ordering = ["-created_at"]
        permissions = [("view_exempt_case", "Kan se innhold unntatt offentlighet")]
        # Every case list is ordered by creation time, newest first (issue 17).
        indexes = [models.Index(fields=["-created_at", "-id"], name="case_created_idx")]
        constraints = [models.UniqueConstraint(
            fields=["arkivsaksnummer"], condition=~models.Q(arkivsaksnummer=""), name="case_arkivsak_unique",
            violation_error_code="arkivsak_unique",
            violation_error_message="Det finnes allerede en sak med dette arkivsaksnummeret.")]

    def __str__(self) -> str:
        return f"{self.arkivsaksnummer} {self.title}".strip()

    def validate_constraints(self, exclude=None):
        """The unique arkivsaksnummer (when there is one) is reported on its field, as `unique=True` did."""
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as exc:
            errors = exc.update_error_dict({})
            general = errors.pop(NON_FIELD_ERRORS, [])
            for error in general:
                field = "arkivsaksnummer" if getattr(error, "code", "") == "arkivsak_unique" else NON_FIELD_ERRORS
                errors.setdefault(field, []).append(error)
            raise ValidationError(errors) from None

    def clean(self):
        validate_exemption(exempt=self.exempt, basis=self.exempt_basis, public_title=self.public_title)

    @property
    def exempt_marking(self) -> str:
        return exemption_marking(self.exempt_basis) if self.exempt else ""

    @property
    def required_closed_basis(self) -> str:
        """koml. § 11-5 (2): the ground on which this case SHALL be treated behind closed doors ("" if none)."""
        return required_closed_basis(exempt=self.exempt, basis=self.exempt_basis)

    @property
    def current_consultation(self) -> Consultation | None:
        return self.consultations.order_by("-sequence").first()

    def check_ready_for_submission(self) -> None:
        """Guards for submit/approve: the paper must be complete and the exemption lawful."""
        paper = getattr(self, "paper", None)
        if paper is None or not paper.recommendation.strip():
            raise GuardFailed(
                "Saksframlegget mangler kommunedirektørens innstilling. Skriv innstillingen før saken sendes.",
                field="recommendation",
            )
        if not paper.summary.strip():
            raise GuardFailed("«Kort fortalt» mangler. Skriv et kort sammendrag for innbyggerne.",
                              field="summary")
        limit = summary_max_chars()
        if len(paper.summary) > limit:
            raise GuardFailed(
                f"«Kort fortalt» er {len(paper.summary)} tegn; grensen er {limit}. Kort den ned før saken sendes.",
                field="summary",
            )
        if self.current_consultation is None:
            raise GuardFailed("Velg hvilket organ som skal behandle saken først.", field="organization")
        try:
            validate_exemption(exempt=self.exempt, basis=self.exempt_basis, public_title=self.public_title)
        except ValidationError as exc:
            field, messages = next(iter(exc.message_dict.items()))
            raise GuardFailed(messages[0], field=field) from exc


def validate_exemption(*, exempt: bool, basis: str, public_title: str) -> None:
    if not exempt:
        return
    if not basis:
        raise ValidationError({"exempt_basis": "En sak unntatt offentlighet må ha en hjemmel. Velg hjemmel fra lista."})
    if basis in FORBIDDEN_FOR_POLITICAL_CASES:
        raise ValidationError(
            {"exempt_basis": "Offl. § 14 kan ikke brukes for saksframlegg til et folkevalgt organ (offl. § 16 første ledd)."}
        )
    if not (public_title or "").strip():
        raise ValidationError({"public_title": "En sak unntatt offentlighet må ha en offentlig (anonymisert) tittel."})


class CasePaper(models.Model):
    """Saksframlegg: the structured sections a saksbehandler writes; documents are generated from them."""

    SECTIONS = [
        ("summary", "Kort fortalt"),
        ("background", "Bakgrunn"),
        ("assessment", "Vurdering"),
        ("economic_consequences", "Økonomiske konsekvenser"),
        ("recommendation", "Kommunedirektørens innstilling"),
    ]

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="paper", verbose_name="sak")
    summary = models.TextField("kort fortalt", blank=True)
    background = models.TextField("bakgrunn", blank=True)
    assessment = models.TextField("vurdering", blank=True)
    economic_consequences = models.TextField("økonomiske konsekvenser", blank=True)
    recommendation = models.TextField("kommunedirektørens innstilling", blank=True)
    # Section keys whose content is exempt (a partly exempt paper gets a public version without them).
    exempt_sections = models.JSONField("unntatte avsnitt", default=list, blank=True)
    version = models.PositiveIntegerField("versjon", default=1)
    updated_at = models.DateTimeField("endret", auto_now=True)

    class Meta:
        verbose_name = "saksframlegg"
        verbose_name_plural = "saksframlegg"

    def __str__(self) -> str:
        return f"Saksframlegg {self.case.arkivsaksnummer}"


class CaseAttachment(models.Model):
    """Vedlegg: an uploaded file listed in the case paper."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments", verbose_name="sak")
    title = models.CharField("tittel", max_length=TITLE_MAX)
    file = models.FileField("fil", upload_to="vedlegg/%Y/")
    exempt = models.BooleanField("unntatt offentlighet", default=False)
    exempt_basis = models.CharField("hjemmel", max_length=30, choices=ExemptionBasis.choices, blank=True)
    position = models.PositiveSmallIntegerField("nr.", default=1)
    uploaded_at = models.DateTimeField("lastet opp", auto_now_add=True)

    class Meta:
        verbose_name = "vedlegg"
        verbose_name_plural = "vedlegg"
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Consultation(models.Model):
    """Behandling: one treatment of a case in one organization. A case has one per body it passes."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consultations", verbose_name="sak")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="consultations", verbose_name="organ"
    )
    sequence = models.PositiveSmallIntegerField("rekkefølge", default=1)
    recommendation = models.TextField(
        "innstilling", blank=True, help_text="Det organet stemmer over: kommunedirektørens eller forrige organs."
    )
    recommendation_source = models.CharField("innstilling fra", max_length=200, blank=True)
    recommendation_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name="innstilling godkjent av",
    )
    recommendation_approved_at = models.DateTimeField("innstilling godkjent", null=True, blank=True)
    authoritative = models.BooleanField("endelig vedtak her", default=False)
    created_at = models.DateTimeField("opprettet", auto_now_add=True)
    updated_at = models.DateTimeField("endret", auto_now=True)  # OParl: modified

    class Meta:
        verbose_name = "behandling"
        verbose_name_plural = "behandlinger"
        ordering = ["case", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["case", "sequence"], name="consultation_unique_sequence"),
        ]

    def __str__(self) -> str:
        return f"{self.case.arkivsaksnummer} i {self.organization}"




class CaseSearchText(models.Model):
    """The stored, GIN-indexed full-text vector of a case's *public* text (innsyn search).

    Built only by `secretariat.access.search.refresh_public_search_vectors` from what the access policy lets the
    public read: the public title of an exempt case, and no exempt or closed-item content at all. Kept in its own
    table so a stale Case instance can never write an old vector back, and so case lists never load it.
    Whether the case itself is public yet (published agenda) is decided at query time by `access.public_cases`.
    """

    case = models.OneToOneField(Case, on_delete=models.CASCADE, primary_key=True, related_name="search_text")
    vector = SearchVectorField(null=True)

    class Meta:
        verbose_name = "søketekst"
        verbose_name_plural = "søketekster"

    def __str__(self) -> str:
        return f"Søketekst for sak {self.case_id}"


__all__ = ["Case", "CasePaper", "CaseAttachment", "Consultation", "CaseSearchText", "CaseState"]
