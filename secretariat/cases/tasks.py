from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail

from secretariat import access
from secretariat.outbox import enqueue
from workflows.models import AuditEntry

from .models import Case
from .notifications import RECIPIENTS, recipients_for


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notify_case_step(self, audit_entry_id: int) -> int:
    entry = AuditEntry.objects.get(pk=audit_entry_id)
    case = Case.objects.select_related("case_officer").get(pk=entry.object_id)
    to = recipients_for(case, entry.action)
    if not to:
        return 0
    # Exempt cases: the e-mail carries only the public title; the content stays in Saksgang.
    title = access.case_title_for(None, case)
    body = (
        f"{entry.actor_name} har tatt steget «{entry.action_label}» i sak {case.arkivsaksnummer} {title}.\n"
        f"Status nå: {case.get_state_display()}.\n"
        + (f"Kommentar: {entry.comment}\n" if entry.comment else "")
        + f"\n{settings.SAKSGANG_BASE_URL}/intern/saker/{case.pk}/\n"
    )
    return send_mail(f"[Saksgang] {case.arkivsaksnummer}: {entry.action_label}", body, None, to)


def on_case_transition(sender, instance, name, audit_entry, **kwargs) -> None:
    """workflows.engine.transitioned receiver (after commit): queue the e-mail for the steps someone hears about."""
    if RECIPIENTS.get(name):
        enqueue(notify_case_step, audit_entry.pk)
