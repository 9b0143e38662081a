"""Mottak av nye folkevalgte: import the valgoppgjør (CSV) for a new term, all or nothing.

One file, one line per candidate: the list, the candidate's name, birth date and gender (the gender-balance rules
of the konstituerende møte need it), whether elected (valgt) or substitute (vara), the number (the rank among the
elected, the substitute order on the list, koml. § 7-10) and an e-mail address. Importing creates (or matches)
the persons, their memberships in kommunestyret from the start of the term, the substitute order per list, a user
account with the folkevalgt role and an invitation e-mail (sent after commit), and a personal calendar link.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from calendars.services import token_ensure
from secretariat import access
from secretariat.accounts.roles import Role, assign_role
from secretariat.accounts.services import RoleChangeRefused, role_grant
from secretariat.common.dates import year_problem
from secretariat.common.validators import CONTROL_CHARACTER_MESSAGE, CONTROL_CHARACTERS, has_control_characters
from secretariat.organizations.models import (
    Gender,
    LegislativeTerm,
    Membership,
    MembershipRole,
    Organization,
    Party,
    Person,
)
from workflows.actions import AuditAction
from workflows.engine import audit
from workflows.errors import GuardFailed

from .bodies import ended_term_problem
from .permissions import require_fagleder
from .textinput import whole_number

COLUMNS = ("liste", "nr", "fornavn", "etternavn", "fodselsdato", "kjonn", "status", "epost")
HEADING_ALIASES = {"fødselsdato": "fodselsdato", "kjønn": "kjonn", "e-post": "epost", "nummer": "nr"}
ELECTED, SUBSTITUTE = "valgt", "vara"
STATUS_WORDS = {"valgt": ELECTED, "representant": ELECTED, "vara": SUBSTITUTE, "varamedlem": SUBSTITUTE,
                "vararepresentant": SUBSTITUTE}
GENDER_WORDS = {"k": Gender.FEMALE, "kvinne": Gender.FEMALE, "m": Gender.MALE, "mann": Gender.MALE}
MAX_ROWS = 2000


@dataclass
class Row:
    line: int
    party: Party
    number: int
    given_name: str
    family_name: str
    birth_date: dt.date
    gender: str
    elected: bool
    email: str


@dataclass
class ImportResult:
    errors: list[str] = field(default_factory=list)
    members: int = 0
    substitutes: int = 0
    persons_created: int = 0
    persons_matched: int = 0
    invited: list[str] = field(default_factory=list)
    without_email: list[str] = field(default_factory=list)


def _date(value: str) -> dt.date:
    for fmt in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            day = dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
        problem = year_problem(day.year)
        if problem:
            raise ValueError(f"fødselsdatoen: {problem}")
        return day
    raise ValueError(f"fødselsdatoen «{value}» er ikke en dato (skriv dd.mm.åååå)")


def _party(value: str, parties: list[Party]) -> Party:
    wanted = value.strip().lower()
    for party in parties:
        if wanted in (party.abbreviation.lower(), party.name.lower()):
            return party
    raise ValueError(f"ukjent liste «{value}» (lista må finnes under «Parti og lister» før importen)")


def parse(content: str) -> tuple[list[Row], list[str]]:
    """Every line read and checked (nothing saved): the rows, and one Norwegian message per fault («Linje N: …»;
    the heading is line 1)."""
    content = (content or "").lstrip("\ufeff")
    if not content.strip():
        return [], ["Filen er tom."]
    if has_control_characters(content):
        # The csv module stops at a NUL byte (an Error, not a line): the file is refused before it is read.
        line = content[:CONTROL_CHARACTERS.search(content).start()].count("\n") + 1
        return [], [f"Linje {line}: {CONTROL_CHARACTER_MESSAGE}"]
    first = content.splitlines()[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.reader(io.StringIO(content), delimiter=delimiter)
    try:
        return _read(reader)
    except csv.Error:
        # A field longer than the csv module takes (a quote left open runs on to the end of the file).
        return [], [f"Linje {reader.line_num}: filen kan ikke leses som CSV (et felt er for langt, eller et "
                    "anførselstegn er ikke lukket). Lagre den på nytt som CSV og prøv igjen."]


def _read(reader) -> tuple[list[Row], list[str]]:
    try:
        heading_cells = next(reader)
    except StopIteration:
        return [], ["Filen er tom."]
    headings = [HEADING_ALIASES.get(h.strip().lower(), h.strip().lower()) for h in heading_cells]
    missing = [c for c in COLUMNS if c not in headings]
    unknown = [h for h in headings if h not in COLUMNS]
    if missing or unknown:
        parts = []
        if missing:
            parts.append(f"mangler kolonnene {', '.join(missing)}")
        if unknown:
            parts.append(f"ukjente kolonner {', '.join(unknown)}")
        return [], [f"Linje 1: {' og '.join(parts)}. Første linje skal være: {';'.join(COLUMNS)}."]
    parties = list(Party.objects.all())
    rows: list[Row] = []
    errors: list[str] = []
    seen_person: dict[tuple, int] = {}
    seen_number: dict[tuple, int] = {}
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if line - 1 > MAX_ROWS:
            errors.append(f"Filen har flere enn {MAX_ROWS} linjer. Del den opp.")
            break
        if len(cells) != len(headings):
            errors.append(f"Linje {line}: {len(cells)} kolonner, men overskriften har {len(headings)}.")
            continue
        v = {h: unicodedata.normalize("NFC", c).strip() for h, c in zip(headings, cells, strict=True)}
        try:
            party = _party(v["liste"], parties)
            if not whole_number(v["nr"], maximum=999):
                raise ValueError(f"nr «{v['nr']}» må være et helt tall fra 1 til 999 (sifrene 0–9)")
            if not v["fornavn"] or not v["etternavn"]:
                raise ValueError("fornavn og etternavn må fylles ut")
            if len(v["fornavn"]) > 100 or len(v["etternavn"]) > 100:
                raise ValueError("navnet er for langt (høyst 100 tegn)")
            birth = _date(v["fodselsdato"])
            gender = GENDER_WORDS.get(v["kjonn"].lower())
            if gender is None:
                raise ValueError(f"kjønn «{v['kjonn']}» må være K eller M")
            status = STATUS_WORDS.get(v["status"].lower())
            if status is None:
                raise ValueError(f"status «{v['status']}» må være «valgt» eller «vara»")
            email = v["epost"]
            if email:
                try:
                    validate_email(email)
                except ValidationError:
                    raise ValueError(f"e-postadressen «{email}» er ugyldig") from None
        except ValueError as exc:
            errors.append(f"Linje {line}: {exc}.")
            continue
        row = Row(line=line, party=party, number=int(v["nr"]), given_name=v["fornavn"], family_name=v["etternavn"],
                  birth_date=birth, gender=gender, elected=status == ELECTED, email=email.lower())
        who = (row.given_name.lower(), row.family_name.lower(), row.birth_date)
        if who in seen_person:
            errors.append(f"Linje {line}: {row.given_name} {row.family_name} ({birth:%d.%m.%Y}) står også på linje "
                          f"{seen_person[who]}.")
            continue
        seen_person[who] = line
        slot = (party.pk, row.elected, row.number)
        if slot in seen_number:
            kind = "valgte" if row.elected else "varamedlemmer"
            errors.append(f"Linje {line}: nr. {row.number} for {kind} på {party.abbreviation} er brukt to ganger "
                          f"(også linje {seen_number[slot]}).")
            continue
        seen_number[slot] = line
        rows.append(row)
    if not rows and not errors:
        errors.append("Filen har ingen kandidater.")
    return rows, errors


def _check_against_body(rows: list[Row], *, kommunestyret: Organization, term: LegislativeTerm) -> list[str]:
    errors = []
    elected = sum(r.elected for r in rows)
    if kommunestyret.seats and elected != kommunestyret.seats:
        errors.append(f"Filen har {elected} valgte representanter, men {kommunestyret.name} har "
                      f"{kommunestyret.seats} plasser.")
    if Membership.objects.filter(organization=kommunestyret, term=term).exists():
        errors.append(f"{kommunestyret.name} har allerede medlemmer i valgperioden {term}. Valgoppgjøret er "
                      "importert før.")
    for party in {r.party for r in rows}:
        if any(r.party == party and not r.elected for r in rows) and not any(r.party == party and r.elected
                                                                             for r in rows):
            errors.append(f"{party.abbreviation} har varamedlemmer, men ingen valgte representanter.")
    return errors


def _person_for(row: Row) -> tuple[Person, bool]:
    """The matching person (same name and birth date, or the same name without a birth date yet), or a new one."""
    same_name = Person.objects.filter(given_name__iexact=row.given_name, family_name__iexact=row.family_name)
    person = same_name.filter(birth_date=row.birth_date).first()
    if person is None:
        undated = list(same_name.filter(birth_date__isnull=True)[:2])
        person = undated[0] if len(undated) == 1 else None
    if person is not None:
        return person, False
    return Person(given_name=row.given_name, family_name=row.family_name), True


def _account_for(person: Person, *, actor, reason: str):
    """The person's user account with the folkevalgt role (made if none), or None without an e-mail address."""
    if not person.email:
        return None
    user_model = get_user_model()
    user = person.user
    if user is None:
        user = user_model.objects.filter(email__iexact=person.email, person__isnull=True).first()
    if user is None:
        username = person.email
        if user_model.objects.filter(username__iexact=username).exists():
            username = f"{person.email}-{person.pk}"
        user = user_model(username=username, email=person.email, first_name=person.given_name,
                          last_name=person.family_name)
        user.set_unusable_password()
        user.save()
    person.user = user
    person.save(update_fields=["user", "updated_at"])
    if not access.is_folkevalgt(user):
        if actor is None:
            assign_role(user, Role.FOLKEVALGT)  # a management command, outside any request: the guard audits it
        else:
            try:
                role_grant(actor=actor, user=user, role=Role.FOLKEVALGT, reason=reason)
            except RoleChangeRefused as exc:
                raise ValidationError(f"{person.name}: {exc}") from None
    return user


def invitation_link(user) -> str:
    path = reverse("term:invitation", kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                                              "token": default_token_generator.make_token(user)})
    return f"{settings.SAKSGANG_BASE_URL.rstrip('/')}{path}"


def invitation_text(*, person: Person, user, term: LegislativeTerm, organization: Organization, feed_url: str,
                    role: str) -> str:
    return (f"Hei {person.given_name}!\n\n"
            f"Du er {role} i {organization.name} for valgperioden {term} etter valgoppgjøret. "
            f"Velkommen!\n\n"
            f"I Saksgang finner du møtene, sakskartene og protokollene. Lag passordet ditt her (lenken virker "
            f"én gang):\n{invitation_link(user)}\n\n"
            f"Brukernavn: {user.get_username()}\n\n"
            f"Din personlige kalender med møtene dine (legg den til i kalenderen på telefonen eller PC-en; "
            f"ikke del lenken):\n{feed_url}\n\n"
            f"Hilsen politisk sekretariat")


INVITATION_SUBJECT = "Velkommen som folkevalgt – din tilgang til Saksgang"


def _invitation(*, person: Person, user, membership: Membership, actor) -> tuple[str, str]:
    """The invitation to one new member (address, text), with their calendar link made if they have none. Audited."""
    token = token_ensure(person=person, actor=actor)
    feed_url = f"{settings.SAKSGANG_BASE_URL.rstrip('/')}{reverse('calendars:personal', kwargs={'token': token.token})}"
    role = ("valgt som representant" if membership.role != MembershipRole.SUBSTITUTE else
            f"{membership.substitute_order}. varamedlem for {membership.electoral_list.name}")
    audit(person, actor=actor, action=AuditAction.INVITATION_SENT, action_label="Invitasjon sendt",
          changes={"e-post": person.email})
    return person.email, invitation_text(person=person, user=user, term=membership.term,
                                         organization=membership.organization, feed_url=feed_url, role=role)


def invitations_resend(*, actor, term: LegislativeTerm, kommunestyret: Organization) -> list[str]:
    """A new invitation to each member or substitute of the term's kommunestyret who has an account but has not
    chosen a password yet (the link in an invitation expires: settings.PASSWORD_RESET_TIMEOUT)."""
    require_fagleder(actor)
    if ended_term_problem(term):
        raise GuardFailed(ended_term_problem(term))
    invites = []
    with transaction.atomic():
        memberships = (Membership.objects.filter(organization=kommunestyret, term=term, person__user__isnull=False)
                       .select_related("person__user", "electoral_list", "term", "organization")
                       .order_by("person__family_name", "person__given_name", "pk"))
        seen = set()
        for m in memberships:
            user = m.person.user
            if m.person_id in seen or user.has_usable_password() or not user.is_active or not m.person.email:
                continue
            seen.add(m.person_id)
            invites.append(_invitation(person=m.person, user=user, membership=m, actor=actor))
        transaction.on_commit(lambda: _send_invitations(invites))
    return [address for address, _ in invites]


def _send_invitations(invites: list[tuple[str, str]]) -> None:
    messages = [EmailMessage(INVITATION_SUBJECT, body, None, [address]) for address, body in invites]
    if messages:
        get_connection().send_messages(messages)


def term_create(*, actor, name: str, start_date: dt.date) -> LegislativeTerm:
    """A new four-year valgperiode from `start_date` (it runs from 1 October of the election year), for the kommune
    running Saksgang. Audited."""
    require_fagleder(actor)
    from secretariat.organizations.models import Body

    body = Body.current()
    if body is None:
        raise ValidationError("Kommunen er ikke registrert.")
    end = dt.date(start_date.year + 4, start_date.month, start_date.day) - dt.timedelta(days=1)
    if LegislativeTerm.objects.filter(body=body, start_date__lte=end, end_date__gte=start_date).exists():
        raise ValidationError(f"En valgperiode overlapper {start_date:%d.%m.%Y}–{end:%d.%m.%Y}.")
    with transaction.atomic():
        term = LegislativeTerm.objects.create(body=body, name=name.strip()[:40], start_date=start_date, end_date=end)
        audit(term, actor=actor, action=AuditAction.CREATED, action_label="Valgperiode opprettet",
              changes={"fra": f"{start_date:%d.%m.%Y}", "til": f"{end:%d.%m.%Y}"})
    return term


def valgoppgjor_import(*, actor, content: str, term: LegislativeTerm, kommunestyret: Organization,
                       source: str = "") -> ImportResult:
    """Import the valgoppgjør for `term` into `kommunestyret`: all or nothing. `actor` None is the management
    command. Returns the errors (nothing saved) or what was made."""
    require_fagleder(actor)
    if kommunestyret is None:
        return ImportResult(errors=["Det finnes ikke noe kommunestyre. Opprett det i admin først."])
    if ended_term_problem(term):
        return ImportResult(errors=[ended_term_problem(term)])
    rows, errors = parse(content)
    if not errors:
        errors = _check_against_body(rows, kommunestyret=kommunestyret, term=term)
    if errors:
        return ImportResult(errors=errors)
    result = ImportResult()
    invites: list[tuple[str, str]] = []
    reason = f"Valgt i valgoppgjøret for {kommunestyret.name} {term}"
    try:
        with transaction.atomic():
            # One import at a time per body: the second waits here, then finds the first one's members.
            Organization.objects.select_for_update().get(pk=kommunestyret.pk)
            if Membership.objects.filter(organization=kommunestyret, term=term).exists():
                return ImportResult(errors=_check_against_body(rows, kommunestyret=kommunestyret, term=term))
            for row in sorted(rows, key=lambda r: (r.party.name, not r.elected, r.number)):
                person, created = _person_for(row)
                person.birth_date = person.birth_date or row.birth_date
                person.gender = row.gender
                person.email = person.email or row.email
                person.party = person.party or row.party
                person.save()
                if created:
                    result.persons_created += 1
                    audit(person, actor=actor, action=AuditAction.CREATED, action_label="Person opprettet fra "
                          "valgoppgjøret", comment=source)
                else:
                    result.persons_matched += 1
                membership = Membership.objects.create(
                    person=person, organization=kommunestyret, term=term, electoral_list=row.party,
                    role=MembershipRole.MEMBER if row.elected else MembershipRole.SUBSTITUTE,
                    substitute_order=None if row.elected else row.number, start_date=term.start_date)
                audit(membership, actor=actor, action=AuditAction.ELECTION_RESULT_IMPORTED,
                      action_label="Valgt i valgoppgjøret" if row.elected else "Varamedlem fra valgoppgjøret",
                      comment=source, changes={"liste": row.party.abbreviation, "nr": row.number,
                                               "fra": f"{term.start_date:%d.%m.%Y}"})
                if row.elected:
                    result.members += 1
                else:
                    result.substitutes += 1
                user = _account_for(person, actor=actor, reason=reason)
                if user is None:
                    result.without_email.append(person.name)
                    continue
                invites.append(_invitation(person=person, user=user, membership=membership, actor=actor))
                result.invited.append(person.email)
            transaction.on_commit(lambda: _send_invitations(invites))
    except ValidationError as exc:
        return ImportResult(errors=exc.messages)
    return result
