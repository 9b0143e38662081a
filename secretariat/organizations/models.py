"""The kommune, its elected bodies, terms, people, electoral lists and memberships (OParl names)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Maalform(models.TextChoices):
    BOKMAL = "nb", "Bokmål"
    NYNORSK = "nn", "Nynorsk"


class Body(models.Model):
    """The kommune running Saksgang."""

    name = models.CharField("navn", max_length=200)
    kommunenummer = models.CharField(
        "kommunenummer", max_length=4, unique=True, validators=[RegexValidator(r"^\d{4}$", "Fire siffer.")]
    )
    maalform = models.CharField("målform", max_length=2, choices=Maalform.choices, default=Maalform.BOKMAL)
    logo = models.FileField("logo", upload_to="logo/", blank=True)
    population = models.PositiveIntegerField("innbyggertal", null=True, blank=True)
    website = models.URLField("nettside", blank=True)
    email = models.EmailField("e-post", blank=True)
    address = models.CharField("adresse", max_length=300, blank=True)

    # When the row was made and last changed: the OParl API's created/modified and its *_since filters.
    created_at = models.DateTimeField("opprettet", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("endret", auto_now=True)

    class Meta:
        verbose_name = "kommune"
        verbose_name_plural = "kommuner"

    def __str__(self) -> str:
        return self.name

    @classmethod
    def current(cls) -> Body | None:
        return cls.objects.order_by("pk").first()


class OrganizationType(models.TextChoices):
    KOMMUNESTYRE = "kommunestyre", "Kommunestyre"
    FORMANNSKAP = "formannskap", "Formannskap"
    UTVALG = "utvalg", "Utvalg"
    KONTROLLUTVALG = "kontrollutvalg", "Kontrollutval"
    VALGSTYRE = "valgstyre", "Valgstyre"
    ELDRERAD = "eldrerad", "Eldreråd"
    FUNKSJONSHEMMEDE_RAD = "rad_funksjonsnedsettelse", "Råd for personer med funksjonsnedsettelse"
    UNGDOMSRAD = "ungdomsrad", "Ungdomsråd"
    ARBEIDSUTVALG = "arbeidsutvalg", "Arbeidsutvalg"
    PARTSSAMMENSATT = "partssammensatt", "Partssammensatt utvalg"
    FELLESNEMND = "fellesnemnd", "Fellesnemnd"
    OTHER = "annet", "Annet"


# koml. § 5-12: the medvirkningsorgan (eldreråd, råd for personer med funksjonsnedsettelse, ungdomsråd) are
# advisory: they give their view on cases, and their decision is an innstilling/uttalelse to the body that decides.
# (check) Their reglement may give them some decision power (koml. § 5-13), so this is a setting with this default:
# SAKSGANG_RECOMMENDING_ONLY_TYPES (organization types), [] to allow every body to decide finally.
RECOMMENDING_ONLY_TYPES = (OrganizationType.ELDRERAD, OrganizationType.FUNKSJONSHEMMEDE_RAD,
                           OrganizationType.UNGDOMSRAD)


def recommending_only_types() -> frozenset[str]:
    return frozenset(getattr(settings, "SAKSGANG_RECOMMENDING_ONLY_TYPES", RECOMMENDING_ONLY_TYPES))

# DOMAIN.md §3 (check): notice period is a per-organization setting with these defaults.
DEFAULT_NOTICE_DAYS_KOMMUNESTYRE = 10
DEFAULT_NOTICE_DAYS_OTHER = 7
# koml. § 5-13: the reglement for saksbehandling sets when members must hand in interpellasjoner and spørsmål;
# common practice (check) is about a week for an interpellasjon and two days for a spørsmål.
DEFAULT_INTERPELLATION_DEADLINE_DAYS = 7
DEFAULT_QUESTION_DEADLINE_DAYS = 2


class Organization(models.Model):
    """A folkevalgt organ: kommunestyret, formannskapet, an utvalg, a råd …"""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="organizations", verbose_name="kommune")
    name = models.CharField("navn", max_length=200)
    short_name = models.CharField("kortnavn", max_length=40, blank=True)
    slug = models.SlugField("nettadresse-navn", max_length=60, unique=True)
    organization_type = models.CharField("type", max_length=40, choices=OrganizationType.choices)
    seats = models.PositiveSmallIntegerField("antall medlemmer", default=0)
    notice_days = models.PositiveSmallIntegerField(
        "frist for innkalling (dager)",
        null=True,
        blank=True,
        help_text="Tom = standard: 10 dager for kommunestyret, 7 for andre organer.",
    )
    interpellation_deadline_days = models.PositiveSmallIntegerField(
        "frist for interpellasjoner (dager før møtet)",
        default=DEFAULT_INTERPELLATION_DEADLINE_DAYS,
        help_text="Etter reglementet for saksbehandling (koml. § 5-13). 0 = fram til møtet starter.",
    )
    question_deadline_days = models.PositiveSmallIntegerField(
        "frist for spørsmål (dager før møtet)",
        default=DEFAULT_QUESTION_DEADLINE_DAYS,
        help_text="Etter reglementet for saksbehandling (koml. § 5-13). 0 = fram til møtet starter.",
    )
    next_organization = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="innstiller vanligvis til",
    )
    description = models.TextField("om organet", blank=True)
    is_active = models.BooleanField("aktiv", default=True)
    sort_order = models.PositiveSmallIntegerField("rekkefølge", default=100)

    # When the row was made and last changed: the OParl API's created/modified and its *_since filters.
    created_at = models.DateTimeField("opprettet", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("endret", auto_now=True)

    class Meta:
        verbose_name = "organ"
        verbose_name_plural = "organer"
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def gives_only_innstilling(self) -> bool:
        """A body that only gives an innstilling (koml. § 5-12 medvirkningsorgan) makes no final decision."""
        return self.organization_type in recommending_only_types()

    @property
    def effective_notice_days(self) -> int:
        if self.notice_days is not None:
            return self.notice_days
        if self.organization_type == OrganizationType.KOMMUNESTYRE:
            return DEFAULT_NOTICE_DAYS_KOMMUNESTYRE
        return DEFAULT_NOTICE_DAYS_OTHER


class LegislativeTerm(models.Model):
    """Valgperiode: four years; memberships and appointments belong to one."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="terms", verbose_name="kommune")
    name = models.CharField("navn", max_length=40)
    start_date = models.DateField("fra")
    end_date = models.DateField("til")

    # When the row was made and last changed: the OParl API's created/modified and its *_since filters.
    created_at = models.DateTimeField("opprettet", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("endret", auto_now=True)

    class Meta:
        verbose_name = "valgperiode"
        verbose_name_plural = "valgperioder"
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            raise ValidationError({"end_date": "Slutten av valgperioden må komme etter starten."})

    @classmethod
    def current(cls, on: dt.date | None = None) -> LegislativeTerm | None:
        on = on or timezone.localdate()
        return cls.objects.filter(start_date__lte=on, end_date__gte=on).first()


class Party(models.Model):
    """A party or electoral list (valgliste). Substitutes are called from the *list* (koml. § 7-10)."""

    name = models.CharField("navn", max_length=120, unique=True)
    abbreviation = models.CharField("forkorting", max_length=20, unique=True)
    color = models.CharField("farge", max_length=7, blank=True, help_text="Hex, f.eks. #cc0000")

    class Meta:
        verbose_name = "parti/liste"
        verbose_name_plural = "parti og lister"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Gender(models.TextChoices):
    FEMALE = "K", "Kvinne"
    MALE = "M", "Mann"
    UNKNOWN = "", "Ikke oppgitt"


class Person(models.Model):
    """A person who holds or may hold an office."""

    given_name = models.CharField("fornavn", max_length=100)
    family_name = models.CharField("etternavn", max_length=100)
    email = models.EmailField("e-post", blank=True)
    phone = models.CharField("telefon", max_length=30, blank=True)
    gender = models.CharField("kjønn", max_length=1, choices=Gender.choices, blank=True)
    birth_date = models.DateField("fødselsdato", null=True, blank=True)
    party = models.ForeignKey(
        Party,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name="partitilhørighet nå",
        help_text="Kan avvike fra lista vedkommende ble valgt fra.",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name="brukerkonto",
    )

    # When the row was made and last changed: the OParl API's created/modified and its *_since filters.
    created_at = models.DateTimeField("opprettet", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("endret", auto_now=True)

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "personer"
        ordering = ["family_name", "given_name"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class MembershipRole(models.TextChoices):
    LEADER = "leder", "Leder"
    DEPUTY_LEADER = "nestleder", "Nestleder"
    MEMBER = "medlem", "Medlem"
    SUBSTITUTE = "varamedlem", "Varamedlem"


class MembershipQuerySet(models.QuerySet):
    def active_on(self, day: dt.date):
        return self.filter(Q(start_date__lte=day), Q(end_date__isnull=True) | Q(end_date__gte=day))

    def not_ended_on(self, day: dt.date):
        """Memberships still held on `day` or starting later (a konstituering registered before the term starts):
        not those that ended before it, e.g. by fritak."""
        return self.exclude(end_date__lt=day)

    def regular(self):
        return self.exclude(role=MembershipRole.SUBSTITUTE)

    def substitutes(self):
        return self.filter(role=MembershipRole.SUBSTITUTE)


class Membership(models.Model):
    """Person × organization × term, elected from one electoral list."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships", verbose_name="person")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="memberships", verbose_name="organ"
    )
    term = models.ForeignKey(
        LegislativeTerm, on_delete=models.PROTECT, related_name="memberships", verbose_name="valgperiode"
    )
    role = models.CharField("rolle", max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    electoral_list = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name="valgt fra liste",
    )
    substitute_order = models.PositiveSmallIntegerField(
        "varamedlem nr.", null=True, blank=True, help_text="Rekkefølgen på lista (koml. § 7-10)."
    )
    start_date = models.DateField("fra")
    end_date = models.DateField("til", null=True, blank=True)

    # When the row was made and last changed: the OParl API's created/modified and its *_since filters.
    created_at = models.DateTimeField("opprettet", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("endret", auto_now=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = "medlemskap"
        verbose_name_plural = "medlemskap"
        ordering = ["organization", "role", "electoral_list", "substitute_order", "person"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="varamedlem") | Q(substitute_order__isnull=False),
                name="substitute_has_order",
                violation_error_message="Et varamedlem må ha et nummer i rekkefølgen.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()} i {self.organization}"

    def clean(self):
        if self.role == MembershipRole.SUBSTITUTE and not self.substitute_order:
            raise ValidationError({"substitute_order": "Et varamedlem må ha et nummer i rekkefølgen."})
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "Sluttdato kan ikke være før startdato."})


class AdministrativeUnit(models.Model):
    """An administrative unit (virksomhet/avdeling) responsible for cases and follow-ups."""

    name = models.CharField("navn", max_length=200, unique=True)
    short_name = models.CharField("kortnavn", max_length=40, blank=True)

    class Meta:
        verbose_name = "administrativ enhet"
        verbose_name_plural = "administrative enheter"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
