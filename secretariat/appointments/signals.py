"""The round follows its case: when formannskapet decides, the proposal is registered (`propose`); when
kommunestyret decides, the election is registered (`elect`) — if the round's guards allow it. When they do not
(e.g. kommunestyret decided before the 2-week display was over, dl. § 68), the round stays where it is and an
audit row on the round says why, so the secretariat sees it."""

from __future__ import annotations

from workflows.actions import AuditAction
from workflows.appointment import RoundState
from workflows.engine import audit, run_transition
from workflows.errors import WorkflowError


def follow_case(sender, instance, name, from_state, to_state, actor, **kwargs) -> None:
    if name != "decide":
        return
    from .models import AppointmentRound

    round_ = AppointmentRound.objects.filter(case_id=instance.pk).first()
    if round_ is None:
        return
    consultation = instance.consultations.filter(decisions__isnull=False).order_by("-sequence").first()
    if consultation is None:
        return
    org_id = consultation.organization_id
    step = None
    if round_.state == RoundState.KONTROLLERT and org_id == round_.proposing_organization_id:
        step = "propose"
    elif round_.state == RoundState.OFFENTLIG_ETTERSYN and org_id == round_.electing_organization_id:
        step = "elect"
    if step is None:
        return
    try:
        run_transition(round_, step, actor=actor, comment=f"Vedtak i {consultation.organization} i sak "
                                                          f"{instance.arkivsaksnummer}.")
    except WorkflowError as exc:
        audit(round_, actor=actor, action=AuditAction.ROUND_DID_NOT_FOLLOW, action_label="Runden fulgte ikke vedtaket",
              comment=exc.message)


def connect() -> None:
    from secretariat.cases.models import Case
    from workflows.engine import transitioned

    transitioned.connect(follow_case, sender=Case, dispatch_uid="appointments-follow-case")
