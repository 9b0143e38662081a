"""Writes for cases: create, edit, transitions. Each validates first and saves in one transaction."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from secretariat import access
from secretariat.organizations.models import Organization
from workflows.actions import AuditAction
from workflows.case import CASE_WORKFLOW
from workflows.engine import audit, full_clean, run_transition
from workflows.errors import GuardFailed, TransitionForbidden

from .models import Case, CasePaper, Consultation

CASE_FIELDS = ("arkivsaksnummer", "title", "public_title", "exempt", "exempt_basis", "responsible_unit",
               "case_officer")
PAPER_FIELDS = ("summary", "background", "assessment", "economic_consequences", "recommendation",
                "exempt_sections")
EDITABLE_STATES = CASE_WORKFLOW.states_with("editable")


def case_create(*, actor, organization: Organization, title: str, arkivsaksnummer: str = "", case_officer=None,
                public_title: str = "", exempt: bool = False, exempt_basis: str = "", responsible_unit=None,
                **paper_fields) -> Case:
    if not access.can_create_cases(actor):
        raise TransitionForbidden("Bare saksbehandlere og politisk sekretariat kan opprette saker.")
    from secretariat.archive.services import archive_case_created, case_number_problem

    # Issue 14: with an archive connection the number comes from the archive's saksmappe, never by hand.
    problem = case_number_problem(case=None, value=arkivsaksnummer)
    if problem:
        raise ValidationError({"arkivsaksnummer": problem})
    case = Case(
        arkivsaksnummer=(arkivsaksnummer or "").strip(),
        title=(title or "").strip(),
        public_title=(public_title or "").strip(),
        exempt=exempt,
        exempt_basis=exempt_basis or "",
        case_officer=case_officer or actor,
        responsible_unit=responsible_unit,
    )
    full_clean(case)
    paper = CasePaper(**{k: v for k, v in paper_fields.items() if k in PAPER_FIELDS})
    with transaction.atomic():
        try:
            case.save()
        except IntegrityError as exc:  # a concurrent create with the same arkivsaksnummer
            raise ValidationError({"arkivsaksnummer": "Det finnes allerede en sak med dette arkivsaksnummeret."}) from exc
        paper.case = case
        paper.full_clean()
        paper.save()
        Consultation.objects.create(case=case, organization=organization, sequence=1,
                                    recommendation_source="Kommunedirektøren")
        audit(case, actor=actor, action=AuditAction.CREATED, action_label="Sak opprettet", to_state=case.state,
              changes={"organ": organization.name})
        archive_case_created(case=case, actor=actor)  # the saksmappe request, in this same transaction
    return case


def case_can_edit(*, case: Case, user) -> bool:
    if case.state not in EDITABLE_STATES:
        return False
    # The secretariat edits any case being drafted; a saksbehandler their own.
    return access.is_secretariat(user) or access.owns_case(user, case)


def case_update(*, case: Case, actor, data: dict) -> Case:
    """Edit a case and its paper while it is being drafted. Audited with the changed fields."""
    if not case_can_edit(case=case, user=actor):
        if case.state not in EDITABLE_STATES:
            raise GuardFailed(
                f"Saken kan bare endres under utredning; den har status «{case.get_state_display()}».")
        raise TransitionForbidden("Du kan bare endre dine egne saker.")
    from secretariat.archive.services import case_number_problem

    if "arkivsaksnummer" in data:
        problem = case_number_problem(case=case, value=data["arkivsaksnummer"])
        if problem:
            raise ValidationError({"arkivsaksnummer": problem})
        data = {**data, "arkivsaksnummer": (data["arkivsaksnummer"] or "").strip()}
    paper = case.paper
    changes = {}
    for name in CASE_FIELDS:
        if name in data and getattr(case, name) != data[name]:
            changes[name] = {"fra": _plain(getattr(case, name)), "til": _plain(data[name])}
            setattr(case, name, data[name])
    for name in PAPER_FIELDS:
        if name in data and getattr(paper, name) != data[name]:
            changes[name] = {"fra": _plain(getattr(paper, name))[:200], "til": _plain(data[name])[:200]}
            setattr(paper, name, data[name])
    organization = data.get("organization")
    full_clean(case)
    paper.full_clean()
    with transaction.atomic():
        case.save()
        if any(k in changes for k in PAPER_FIELDS):
            paper.version += 1
        paper.save()
        if organization is not None:
            first = case.consultations.order_by("sequence").first()
            if first.organization_id != organization.pk:
                changes["organ"] = {"fra": first.organization.name, "til": organization.name}
                first.organization = organization
                first.save(update_fields=["organization"])
        if changes:
            audit(case, actor=actor, action=AuditAction.CHANGED, action_label="Sak endret", changes=changes)
        if "exempt" in changes or "exempt_basis" in changes:
            from secretariat.meetings.services import agenda_items_close_for_exemption

            # koml. § 11-5 (2): an exemption that requires a closed meeting closes the case's coming items.
            agenda_items_close_for_exemption(actor=actor, case=case)
    return case


def _plain(value) -> str:
    if value is None:
        return ""
    return str(value)


def case_transition(*, case: Case, name: str, actor, comment: str = "", expected_state: str | None = None,
                    **inputs):
    """Take a workflow step on a case (workflows/case.py says what may happen and who may do it; the handlers
    below and in the meetings app guard it). The same as the engine's run_transition: no step skips them."""
    return run_transition(case, name, actor=actor, comment=comment, expected_state=expected_state, **inputs)


@CASE_WORKFLOW.handler("submit")
def _submit(case: Case, *, actor, comment: str):
    case.check_ready_for_submission()


@CASE_WORKFLOW.handler("approve")
def _approve(case: Case, *, actor, comment: str):
    """koml. § 13-1: the kommunedirektør's innstilling is copied onto the consultation, with who approved it."""
    case.check_ready_for_submission()
    consultation = case.current_consultation
    consultation.recommendation = case.paper.recommendation
    consultation.recommendation_approved_by = actor
    consultation.recommendation_approved_at = timezone.now()
    consultation.save()
    from secretariat.archive.services import archive_case_paper

    archive_case_paper(case=case, actor=actor)  # issue 14: the approved saksframlegg goes to the case's saksmappe


@CASE_WORKFLOW.handler("forward")
def _forward(case: Case, *, actor, comment: str, organization: Organization | None = None):
    _consultation_create_next(case=case, organization=organization)


@CASE_WORKFLOW.handler("finalize")
def _finalize(case: Case, *, actor, comment: str):
    """This body's decision is the final one (the authoritative consultation)."""
    consultation = case.current_consultation
    if consultation.organization.gives_only_innstilling:
        # A body that only gives an innstilling produces an innstilling (issue 13), never a final vedtak.
        raise GuardFailed(f"{consultation.organization} er et medvirkningsorgan og gir uttalelse/innstilling, ikke "
                          "endelige vedtak (koml. §§ 5-12 og 5-13, reglementet). Send saken videre til organet som "
                          "vedtar den.",
                          field="next_step")
    consultation.authoritative = True
    consultation.save(update_fields=["authoritative"])


def _consultation_create_next(*, case: Case, organization: Organization | None) -> Consultation:
    """The decision becomes the innstilling to the next body: a new consultation (DOMAIN.md §2)."""
    current = case.current_consultation
    if organization is None:
        organization = current.organization.next_organization
    if organization is None:
        raise GuardFailed("Velg hvilket organ saken skal videre til.", field="organization")
    if organization.pk == current.organization_id:
        raise GuardFailed("Saken kan ikke sendes videre til det samme organet.", field="organization")
    decision = current.decisions.order_by("-decided_at").first()
    if decision is None:
        raise GuardFailed("Det finnes ikke noe vedtak å sende videre.")
    # The one place a decision becomes an innstilling (DOMAIN.md § 3): whichever path forwards the case
    # (møtemodus, the case API, a transition), this body's decision is its recommendation to the next body.
    decision.kind = type(decision).Kind.RECOMMENDATION
    decision.save(update_fields=["kind"])
    return Consultation.objects.create(
        case=case,
        organization=organization,
        sequence=current.sequence + 1,
        recommendation=decision.text,
        recommendation_source=current.organization.name,
    )
