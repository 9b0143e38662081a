"""Fritak and supplering of folkevalgte (koml. §§ 7-9, 7-10): services.

An application is a Case (created through `case_create`). When the case is decided, `membership_change_apply`
changes the memberships from a date: the member's membership ends the day before; when a regular member
leaves, the first substitute of the same electoral list moves up and becomes member; a supplering adds the
newly elected person; and the substitutes left on the list are renumbered 1..n. Every change is audited.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from secretariat import access
from secretariat.cases.exemptions import ExemptionBasis
from secretariat.cases.services import case_create
from secretariat.meetings.models import Decision
from secretariat.organizations.models import (
    Membership,
    MembershipRole,
    Organization,
    OrganizationType,
    Party,
    Person,
)
from workflows.actions import AuditAction
from workflows.engine import audit
from workflows.errors import GuardFailed, TransitionForbidden

from .models import ChangeKind, ChangeStatus, MembershipChange


def _require_secretariat(actor) -> None:
    # The same rule as the pages and the API ask (an application for fritak is personal data).
    if not access.can_handle_appointments(actor):
        raise TransitionForbidden("Bare politisk sekretariat kan registrere fritak og supplering.")


def _deciding_organization() -> Organization | None:
    return Organization.objects.filter(organization_type=OrganizationType.KOMMUNESTYRE).order_by("sort_order").first()


def membership_change_paper(change: MembershipChange) -> dict:
    org = change.organization.name
    if change.kind == ChangeKind.FRITAK and change.membership_id:
        m = change.membership
        who = m.person.name
        summary = (f"{who} søker fritak fra vervet som {m.get_role_display().lower()} i {org}. "
                   "Kommunestyret avgjør om vedkommende skal fritas, og fra hvilken dato.")
        rec = f"{who} fritas fra vervet som {m.get_role_display().lower()} i {org}."
        if m.role != MembershipRole.SUBSTITUTE and change.move_up_substitute and m.electoral_list_id:
            rec += f" Første varamedlem fra {m.electoral_list.name} rykker opp som fast medlem."
        if change.new_person_id:
            rec += f" Som nytt {change.get_new_role_display().lower() or 'medlem'} velges {change.new_person.name}."
        background = f"Søknad om fritak etter kommuneloven § 7-9.\n\n{change.reason}".strip()
        title = f"Søknad om fritak fra verv i {org} – {who}"
    else:
        who = change.new_person.name if change.new_person_id else "ny representant"
        summary = f"Kommunestyret skal velge {who} som nytt {change.get_new_role_display().lower() or 'medlem'} i {org}."
        rec = f"Som nytt {change.get_new_role_display().lower() or 'medlem'} i {org} velges {who}."
        background = f"Supplering (nyvalg) etter kommuneloven § 7-10.\n\n{change.reason}".strip()
        title = f"Supplering av {org} – {who}"
    return {"title": title, "summary": summary, "background": background,
            "assessment": "Vilkårene for å frita/velge er vurdert av sekretariatet.", "recommendation": rec}


def membership_change_create(*, actor, arkivsaksnummer: str, kind: str = ChangeKind.FRITAK,
                             membership: Membership | None = None, organization: Organization | None = None,
                             reason: str = "", move_up_substitute: bool = True, new_person: Person | None = None,
                             new_role: str = "", electoral_list: Party | None = None,
                             new_substitute_order: int | None = None,
                             case_organization: Organization | None = None,
                             reason_exempt: bool = False) -> MembershipChange:
    """Register an application for fritak (or a supplering) as a case for kommunestyret.

    `reason_exempt`: the reason is personal (e.g. health): the case is exempt under offl. § 13 jf. fvl. § 13
    first ledd nr. 1 with a public title without the name, and the background section is withheld."""
    _require_secretariat(actor)
    errors = {}
    if kind == ChangeKind.FRITAK and membership is None:
        errors["membership"] = ["Velg vervet det søkes fritak fra."]
    if membership is not None:
        organization = membership.organization
        if membership.end_date and membership.end_date < timezone.localdate():
            errors["membership"] = ["Vervet er allerede avsluttet."]
    if organization is None:
        errors["organization"] = ["Velg organet."]
    if kind == ChangeKind.SUPPLERING and new_person is None:
        errors["new_person"] = ["Velg hvem som skal velges inn."]
    if new_person is not None and not new_role:
        new_role = MembershipRole.MEMBER
    if new_role and new_role not in MembershipRole.values:
        errors["new_role"] = ["Ukjent rolle."]
    if errors:
        raise ValidationError(errors)
    if electoral_list is None and membership is not None:
        electoral_list = membership.electoral_list
    change = MembershipChange(kind=kind, organization=organization, membership=membership, reason=reason.strip(),
                              move_up_substitute=move_up_substitute, new_person=new_person, new_role=new_role or "",
                              electoral_list=electoral_list, new_substitute_order=new_substitute_order)
    case_org = case_organization or _deciding_organization() or organization
    with transaction.atomic():
        paper = membership_change_paper(change)
        exemption = {}
        if reason_exempt:
            exemption = {"exempt": True, "exempt_basis": ExemptionBasis.OFFL13_FVL13_1,
                         "public_title": f"Søknad om fritak fra verv i {organization.name}",
                         "exempt_sections": ["background"]}
        case = case_create(actor=actor, organization=case_org, arkivsaksnummer=arkivsaksnummer, **paper,
                           **exemption)
        change.case = case
        change.save()
        audit(change, actor=actor, action=AuditAction.CREATED, action_label=f"{change.get_kind_display()} registrert",
              to_state=change.status, changes={"sak": case.arkivsaksnummer})
    return change


def _decision_for(change: MembershipChange) -> Decision | None:
    return Decision.objects.filter(consultation__case=change.case).order_by("-decided_at").first()


def _renumber(*, organization, term, electoral_list, day: dt.date, actor, insert: Membership | None = None,
              insert_at: int | None = None) -> list[Membership]:
    """Number the substitutes still on the list on `day` 1..n (koml. § 7-10), auditing each change."""
    qs = Membership.objects.select_for_update(of=("self",)).active_on(day).substitutes().filter(
        organization=organization, term=term, electoral_list=electoral_list)
    subs = [m for m in qs.order_by("substitute_order", "pk") if insert is None or m.pk != insert.pk]
    if insert is not None:
        index = len(subs) if not insert_at else max(0, min(insert_at - 1, len(subs)))
        subs.insert(index, insert)
    result = []
    for number, m in enumerate(subs, start=1):
        if m.substitute_order != number:
            old = m.substitute_order
            if m.start_date < day:
                # Keep the history: the old number holds until the day before, the new one from `day`.
                m.end_date, previous_end = day - dt.timedelta(days=1), m.end_date
                m.save(update_fields=["end_date"])
                m = Membership.objects.create(person=m.person, organization=m.organization, term=m.term,
                                              role=m.role, electoral_list=m.electoral_list, substitute_order=number,
                                              start_date=day, end_date=previous_end)
            else:
                m.substitute_order = number
                m.save(update_fields=["substitute_order"])
            audit(m, actor=actor, action=AuditAction.SUBSTITUTE_ORDER, action_label="Nytt nummer i vararekkefølgen",
                  changes={"varamedlem nr.": {"fra": old, "til": number}, "fra": f"{day:%d.%m.%Y}"})
        result.append(m)
    return result


def membership_change_apply(*, actor, change: MembershipChange, effective_date: dt.date) -> MembershipChange:
    """The decision is made: change the memberships from `effective_date`."""
    _require_secretariat(actor)
    change.refresh_from_db()
    if change.status != ChangeStatus.PENDING:
        raise GuardFailed(f"Saken er allerede {change.get_status_display().lower()}.")
    if _decision_for(change) is None:
        raise GuardFailed(f"Saken {change.case.arkivsaksnummer} har ikke noe vedtak ennå. Registrer vedtaket i "
                          "møtet før medlemskapene endres.", field="case")
    if effective_date is None:
        raise ValidationError({"effective_date": "Oppgi datoen endringen gjelder fra."})
    last_day = effective_date - dt.timedelta(days=1)
    with transaction.atomic():
        change = MembershipChange.objects.select_for_update(of=("self",)).get(pk=change.pk)
        if change.status != ChangeStatus.PENDING:  # someone else applied it meanwhile
            raise GuardFailed(f"Saken er allerede {change.get_status_display().lower()}.")
        m = change.membership
        org, term, electoral_list = change.organization, None, change.electoral_list
        moved_up = None
        if m is not None:
            if m.start_date > last_day:
                raise ValidationError({"effective_date": "Datoen må være etter at vervet startet "
                                                         f"({m.start_date:%d.%m.%Y})."})
            if m.end_date and m.end_date < effective_date:
                raise GuardFailed("Vervet er allerede avsluttet.")
            term = m.term
            m.end_date = last_day
            m.save(update_fields=["end_date"])
            audit(m, actor=actor, action=AuditAction.MEMBERSHIP_ENDED,
                  action_label=f"{change.get_kind_display()}: vervet avsluttet",
                  changes={"til": f"{last_day:%d.%m.%Y}", "sak": change.case.arkivsaksnummer})
            if m.role != MembershipRole.SUBSTITUTE and change.move_up_substitute:
                first = (Membership.objects.select_for_update(of=("self",)).active_on(effective_date).substitutes()
                         .filter(organization=org, term=term, electoral_list=m.electoral_list)
                         .order_by("substitute_order", "pk").first())
                if first is not None:
                    first.end_date = last_day
                    first.save(update_fields=["end_date"])
                    moved_up = Membership.objects.create(
                        person=first.person, organization=org, term=term, role=MembershipRole.MEMBER,
                        electoral_list=m.electoral_list, start_date=effective_date)
                    audit(first, actor=actor, action=AuditAction.MOVED_UP, action_label="Varamedlem rykket opp",
                          changes={"varamedlem nr.": first.substitute_order, "til": f"{last_day:%d.%m.%Y}"})
                    audit(moved_up, actor=actor, action=AuditAction.CREATED, action_label="Fast medlem (rykket opp)",
                          changes={"fra": f"{effective_date:%d.%m.%Y}", "sak": change.case.arkivsaksnummer})
        if term is None:
            from secretariat.organizations.models import LegislativeTerm

            term = LegislativeTerm.current(effective_date)
            if term is None:
                raise GuardFailed("Fant ingen valgperiode for datoen.", field="effective_date")
        new_membership = None
        if change.new_person_id:
            role = change.new_role or MembershipRole.MEMBER
            # Someone elected from the same list's substitutes leaves that place (koml. § 7-10).
            for old in (Membership.objects.select_for_update(of=("self",)).active_on(effective_date)
                        .filter(person=change.new_person, organization=org, term=term)):
                old.end_date = last_day
                old.save(update_fields=["end_date"])
                audit(old, actor=actor, action=AuditAction.MEMBERSHIP_ENDED,
                      action_label="Tidligere verv avsluttet (nytt verv)",
                      changes={"til": f"{last_day:%d.%m.%Y}"})
            new_membership = Membership(
                person=change.new_person, organization=org, term=term, role=role, electoral_list=electoral_list,
                start_date=effective_date,
                substitute_order=999 if role == MembershipRole.SUBSTITUTE else None)
            new_membership.save()
            audit(new_membership, actor=actor, action=AuditAction.CREATED, action_label="Nytt verv (supplering)",
                  changes={"fra": f"{effective_date:%d.%m.%Y}", "rolle": role, "sak": change.case.arkivsaksnummer})
        list_for_subs = m.electoral_list if m is not None else electoral_list
        insert = new_membership if new_membership and new_membership.role == MembershipRole.SUBSTITUTE else None
        _renumber(organization=org, term=term, electoral_list=list_for_subs, day=effective_date, actor=actor,
                  insert=insert, insert_at=change.new_substitute_order)
        change.status = ChangeStatus.DONE
        change.effective_date = effective_date
        change.decided_by = actor
        change.decided_at = timezone.now()
        change.save()
        audit(change, actor=actor, action=AuditAction.CHANGE_APPLIED, action_label="Vedtaket gjennomført i medlemskapene",
              from_state=ChangeStatus.PENDING, to_state=ChangeStatus.DONE,
              changes={"gjelder fra": f"{effective_date:%d.%m.%Y}",
                       "rykket opp": moved_up.person.name if moved_up else "",
                       "ny": change.new_person.name if change.new_person_id else ""})
    return change


def membership_change_refuse(*, actor, change: MembershipChange, comment: str = "") -> MembershipChange:
    _require_secretariat(actor)
    change.refresh_from_db()
    if change.status != ChangeStatus.PENDING:
        raise GuardFailed(f"Saken er allerede {change.get_status_display().lower()}.")
    if _decision_for(change) is None:
        raise GuardFailed("Saken har ikke noe vedtak ennå.", field="case")
    with transaction.atomic():
        change.status = ChangeStatus.REFUSED
        change.decided_by = actor
        change.decided_at = timezone.now()
        change.save()
        audit(change, actor=actor, action=AuditAction.CHANGE_REJECTED, action_label="Søknaden er avslått", comment=comment,
              from_state=ChangeStatus.PENDING, to_state=ChangeStatus.REFUSED)
    return change
