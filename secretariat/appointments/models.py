"""Appointment rounds (oppnevninger): meddommere, forliksråd and other appointments by kommunestyret;
their candidates, and fritak/supplering of folkevalgte (koml. § 7-9) as cases that change memberships."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models

from secretariat.cases.models import Case
from secretariat.organizations.models import Body, Gender, Membership, MembershipRole, Organization, Party, Person
from workflows.appointment import AppointmentRoundWorkflow, RoundState


class RoundKind(models.TextChoices):
    MEDDOMMERE = "meddommere", "Meddommere (tingrett og lagmannsrett)"
    FORLIKSRAD = "forliksrad", "Forliksråd"
    ANNET = "annet", "Annen oppnevning (f.eks. stemmestyrer)"


class PoolKind(models.TextChoices):
    TINGRETT = "tingrett", "Tingretten"
    LAGMANNSRETT = "lagmannsrett", "Lagmannsretten"
    FORLIKSRAD_MEDLEM = "forliksrad_medlem", "Forliksrådet – medlemmer"
    FORLIKSRAD_VARA = "forliksrad_vara", "Forliksrådet – varamedlemmer"
    ANNET = "annet", "Verv"


class AppointmentRound(AppointmentRoundWorkflow):
    """One appointment round, e.g. «Meddommere 2029–2032»: call, candidates, proposal, display, election."""

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="appointment_rounds", verbose_name="kommune")
    title = models.CharField("tittel", max_length=200)
    kind = models.CharField("type", max_length=20, choices=RoundKind.choices)
    period_start = models.DateField("periode fra", help_text="Alder og valgbarhet regnes fra denne datoen.")
    period_end = models.DateField("periode til")
    call_text = models.TextField("kunngjøringstekst", blank=True)
    call_deadline = models.DateField("frist for forslag", null=True, blank=True)
    pool_sizes_deadline = models.DateField("frist for antall fra domstolene", null=True, blank=True)
    election_deadline = models.DateField("frist for valget", null=True, blank=True)
    display_start = models.DateField("offentlig ettersyn fra", null=True, blank=True)
    display_end = models.DateField("offentlig ettersyn til", null=True, blank=True)
    proposing_organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="innstillende organ")
    electing_organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name="valgorgan")
    case = models.OneToOneField(Case, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="appointment_round", verbose_name="sak")
    reported_to = models.CharField("listene sendes til", max_length=200, blank=True)
    reported_at = models.DateTimeField("listene sendt", null=True, blank=True)
    created_at = models.DateTimeField("opprettet", auto_now_add=True)
    updated_at = models.DateTimeField("endret", auto_now=True)

    class Meta:
        verbose_name = "oppnevning"
        verbose_name_plural = "oppnevninger"
        ordering = ["-period_start", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open_for_public(self) -> bool:
        return self.state == RoundState.KUNNGJORT

    @property
    def min_age(self) -> int:
        # dl. § 70 (meddommere): 21; dl. § 56 (forliksråd): 25.
        return 25 if self.kind == RoundKind.FORLIKSRAD else 21


class Pool(models.Model):
    """Utvalg: the court's pool (tingrett/lagmannsrett, women or men), or the forliksråd's members/substitutes."""

    round = models.ForeignKey(AppointmentRound, on_delete=models.CASCADE, related_name="pools", verbose_name="runde")
    kind = models.CharField("utvalg", max_length=20, choices=PoolKind.choices)
    name = models.CharField("navn", max_length=120, blank=True, help_text="For andre verv, f.eks. «Stemmestyre Sentrum».")
    gender = models.CharField("kjønn", max_length=1, choices=Gender.choices, blank=True,
                              help_text="Meddommerutvalg har egne utvalg for kvinner og menn (dl. § 64).")
    size = models.PositiveSmallIntegerField("antall", default=0)
    position = models.PositiveSmallIntegerField("rekkefølge", default=1)

    class Meta:
        verbose_name = "utvalg"
        verbose_name_plural = "utvalg"
        ordering = ["round", "position", "pk"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        base = self.name or self.get_kind_display()
        if self.gender == Gender.FEMALE:
            return f"{base} – kvinner"
        if self.gender == Gender.MALE:
            return f"{base} – menn"
        return base


class Occupation(models.TextChoices):
    """dl. § 71: occupations that exclude a person from being a lay judge (pick-list)."""

    NONE = "", "Ingen av disse"
    STORTING = "storting", "Stortingsrepresentant"
    GOVERNMENT = "regjering", "Statsråd, statssekretær eller politisk rådgiver i departement"
    COURT = "domstol", "Dommer eller ansatt i domstolene"
    PROSECUTION = "patale", "Ansatt i påtalemyndigheten"
    POLICE = "politi", "Polititjenestemann eller ansatt i politiet"
    PRISON = "kriminalomsorg", "Ansatt i kriminalomsorgen"
    LAWYER = "advokat", "Praktiserende advokat eller advokatfullmektig"
    GOVERNOR = "statsforvalter", "Statsforvalter eller assisterende statsforvalter"
    CLERGY = "prest", "Prest i Den norske kirke"  # (check) earlier § 71 nr. 7; keep on the list as a setting


class CriminalRecord(models.TextChoices):
    """dl. § 72: the police record check (politiattest / vandelskontroll)."""

    NOT_OBTAINED = "ikke_innhentet", "Ikke innhentet"
    CLEAN = "uten_merknader", "Uten merknader"
    REMARKS = "med_merknader", "Med merknader"


class CandidateSource(models.TextChoices):
    PUBLIC = "skjema", "Nettskjema"
    SECRETARIAT = "sekretariat", "Registrert av sekretariatet"


class Candidate(models.Model):
    """A person proposed for the round: by themselves or others (the public call) or by the secretariat."""

    round = models.ForeignKey(AppointmentRound, on_delete=models.CASCADE, related_name="candidates",
                              verbose_name="runde")
    given_name = models.CharField("fornavn", max_length=100)
    family_name = models.CharField("etternavn", max_length=100)
    birth_date = models.DateField("fødselsdato", null=True, blank=True)
    gender = models.CharField("kjønn", max_length=1, choices=Gender.choices, blank=True)
    address = models.CharField("adresse", max_length=200, blank=True)
    postal_code = models.CharField("postnummer", max_length=4, blank=True)
    postal_place = models.CharField("poststed", max_length=100, blank=True)
    email = models.EmailField("e-post", blank=True)
    phone = models.CharField("telefon", max_length=30, blank=True)
    occupation = models.CharField("yrke (dl. § 71)", max_length=20, choices=Occupation.choices, blank=True)
    occupation_text = models.CharField("stilling/arbeidssted", max_length=200, blank=True)
    wished_pool = models.CharField("ønsket utvalg", max_length=20, choices=PoolKind.choices, blank=True)
    resident_in_kommune = models.BooleanField("registrert bosatt i kommunen", null=True, blank=True)
    adequate_norwegian = models.BooleanField("tilfredsstillende norskkunnskaper", null=True, blank=True)
    voting_rights = models.BooleanField("stemmerett ved kommunestyrevalg", null=True, blank=True)
    bankrupt = models.BooleanField("under konkursbehandling", null=True, blank=True)
    criminal_record = models.CharField("politiattest (dl. § 72)", max_length=20, choices=CriminalRecord.choices,
                                       default=CriminalRecord.NOT_OBTAINED)
    earlier_periods = models.PositiveSmallIntegerField("tidligere perioder på rad", default=0)
    party = models.ForeignKey(Party, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                              verbose_name="foreslått av parti/gruppe")
    proposed_by = models.CharField("foreslått av", max_length=200, blank=True,
                                   help_text="Tom når kandidaten melder seg selv.")
    motivation = models.TextField("begrunnelse", blank=True)
    source = models.CharField("kilde", max_length=20, choices=CandidateSource.choices,
                              default=CandidateSource.SECRETARIAT)
    eligible = models.BooleanField("valgbar", null=True, blank=True)
    eligibility = models.JSONField("kontrollresultat", default=list, blank=True)
    checked_at = models.DateTimeField("kontrollert", null=True, blank=True)
    pool = models.ForeignKey(Pool, on_delete=models.SET_NULL, null=True, blank=True, related_name="candidates",
                             verbose_name="innstilt til utvalg")
    elected = models.BooleanField("valgt", default=False)
    created_at = models.DateTimeField("registrert", auto_now_add=True)

    class Meta:
        verbose_name = "kandidat"
        verbose_name_plural = "kandidater"
        ordering = ["round", "family_name", "given_name", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    def age_on(self, day: dt.date) -> int | None:
        if self.birth_date is None:
            return None
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))

    @property
    def failed_reasons(self) -> list[str]:
        return [r["reason"] for r in self.eligibility if not r.get("ok")]


class ChangeKind(models.TextChoices):
    FRITAK = "fritak", "Fritak"
    SUPPLERING = "supplering", "Supplering (nyvalg)"


class ChangeStatus(models.TextChoices):
    PENDING = "til_behandling", "Til behandling"
    DONE = "gjennomfort", "Gjennomført"
    REFUSED = "avslatt", "Avslått"


class MembershipChange(models.Model):
    """Fritak or supplering (koml. §§ 7-9, 7-10): the application is a case; the decision changes memberships
    from a date, and the substitute order of the electoral list follows."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="membership_change",
                                verbose_name="sak")
    kind = models.CharField("type", max_length=20, choices=ChangeKind.choices, default=ChangeKind.FRITAK)
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+", verbose_name="organ")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name="vervet som skal fratre")
    reason = models.TextField("begrunnelse", blank=True)
    move_up_substitute = models.BooleanField(
        "første varamedlem rykker opp", default=True,
        help_text="Når et fast medlem fratrer, rykker første varamedlem fra samme liste opp (koml. § 7-10).")
    new_person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name="ny person (supplering)")
    new_role = models.CharField("ny rolle", max_length=20, choices=MembershipRole.choices, blank=True)
    electoral_list = models.ForeignKey(Party, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                       verbose_name="liste")
    new_substitute_order = models.PositiveSmallIntegerField("nytt varamedlem nr.", null=True, blank=True,
                                                            help_text="Tom = sist på lista.")
    effective_date = models.DateField("gjelder fra", null=True, blank=True)
    status = models.CharField("status", max_length=20, choices=ChangeStatus.choices, default=ChangeStatus.PENDING)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="gjennomført av")
    decided_at = models.DateTimeField("gjennomført", null=True, blank=True)
    created_at = models.DateTimeField("opprettet", auto_now_add=True)

    class Meta:
        verbose_name = "fritak/supplering"
        verbose_name_plural = "fritak og supplering"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        who = self.membership.person if self.membership_id else self.new_person
        return f"{self.get_kind_display()}: {who} – {self.organization}"


class DeadlineWarningSent(models.Model):
    """One deadline warning e-mail (e.g. «Kommunestyret velger» soon/passed) per round, sent at most once."""

    round = models.ForeignKey(AppointmentRound, on_delete=models.CASCADE, related_name="warnings_sent",
                              verbose_name="runde")
    deadline = models.CharField("frist", max_length=120)
    level = models.CharField("nivå", max_length=10)
    sent_at = models.DateTimeField("sendt", auto_now_add=True)

    class Meta:
        verbose_name = "fristvarsel"
        verbose_name_plural = "fristvarsler"
        constraints = [models.UniqueConstraint(fields=["round", "deadline", "level"], name="appointment_warning_once")]

    def __str__(self) -> str:
        return f"{self.round}: {self.deadline} ({self.level})"
