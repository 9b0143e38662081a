"""Writes for delegerte vedtak: register one, import many from CSV (all or nothing), and report the unreported
ones of a period to the body as referatsaker (RS) on a meeting's agenda (the meetings agenda service numbers
them). Every write is audited in its own transaction."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from secretariat.cases.exemptions import ExemptionBasis
from secretariat.meetings.models import AgendaItem, AgendaItemKind, Meeting
from secretariat.meetings.services import agenda_item_add_other, require_fagleder
from secretariat.organizations.models import Organization
from workflows.actions import AuditAction
from workflows.engine import audit
from workflows.errors import GuardFailed

from .models import DelegatedDecision

FIELDS = ["decided_on", "decided_by", "authority", "title", "arkivsaksnummer", "report_to", "exempt",
          "exempt_basis", "public_title"]

# The CSV columns (Norwegian headings, as the archive's report or a spreadsheet gives them).
CSV_COLUMNS = {
    "vedtaksdato": "decided_on",
    "vedtatt_av": "decided_by",
    "hjemmel": "authority",
    "tittel": "title",
    "arkivsaksnummer": "arkivsaksnummer",
    "meldes_til": "report_to",
    "unntak_hjemmel": "exempt_basis",
    "offentlig_tittel": "public_title",
}
REQUIRED_COLUMNS = ["vedtaksdato", "vedtatt_av", "hjemmel", "tittel", "meldes_til"]
MAX_ROWS = 2000
TITLE_PREFIX = "Delegert vedtak: "


def _save(decision: DelegatedDecision) -> DelegatedDecision:
    decision.full_clean()
    decision.save()
    return decision


def delegated_decision_register(*, actor, data: dict) -> DelegatedDecision:
    """Register one delegated decision (fagleder). `data` holds the model's fields (report_to an Organization)."""
    require_fagleder(actor)
    decision = DelegatedDecision(**{k: v for k, v in data.items() if k in FIELDS}, registered_by=actor)
    if not decision.exempt:
        decision.exempt_basis = ""
    with transaction.atomic():
        _save(decision)
        audit(decision, actor=actor, action=AuditAction.DELEGATED_DECISION, action_label="Delegert vedtak registrert",
              changes={"meldes til": decision.report_to.name, "dato": decision.decided_on.isoformat()})
    return decision


# --- import from CSV ---------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: list
    errors: list  # ["Linje 3: …"]; when non-empty nothing was saved


def _parse_date(value: str) -> dt.date:
    value = value.strip()
    for fmt in ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"«{value}» er ikke en dato (skriv f.eks. 12.03.2026)")


def _organization(value: str, organizations: list[Organization]) -> Organization:
    value = value.strip().lower()
    for org in organizations:
        if value in (org.slug.lower(), org.name.lower(), (org.short_name or "").lower()):
            return org
    raise ValueError(f"ukjent organ «{value}» (bruk navnet eller nettadresse-navnet, f.eks. formannskapet)")


def _exempt_basis(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    for code, label in ExemptionBasis.choices:
        if value.lower() in (code.lower(), label.lower()):
            return code
    example = ExemptionBasis.choices[0][1]
    raise ValueError(f"ukjent hjemmel for unntak «{value}» (bruk en hjemmel fra lista, f.eks. {example})")


def _message(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        labels = {f.name: f.verbose_name for f in DelegatedDecision._meta.fields}
        return "; ".join(f"{labels.get(field, field)}: {' '.join(msgs)}" if field != "__all__" else " ".join(msgs)
                         for field, msgs in exc.message_dict.items())
    return " ".join(exc.messages)


def parse_csv(content: str) -> tuple[list[DelegatedDecision], list[str]]:
    """Read and validate every row (nothing is saved): the unsaved decisions, and one Norwegian message per bad
    line («Linje N: …», the heading is line 1)."""
    content = content.lstrip("\ufeff")
    if not content.strip():
        return [], ["Filen er tom."]
    first = content.splitlines()[0]
    delimiter = ";" if first.count(";") >= first.count(",") else ","
    reader = csv.DictReader(io.StringIO(content), delimiter=delimiter)
    headings = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in headings]
    if missing:
        return [], [f"Linje 1: mangler kolonnene {', '.join(missing)}. Første linje skal være overskriftene: "
                    f"{';'.join(CSV_COLUMNS)}."]
    reader.fieldnames = headings
    organizations = list(Organization.objects.all())
    decisions, errors = [], []
    for number, row in enumerate(reader, start=2):
        if number - 1 > MAX_ROWS:
            errors.append(f"Filen har flere enn {MAX_ROWS} vedtak. Del den opp.")
            break
        if None in row:  # more cells than headings
            errors.append(f"Linje {number}: flere kolonner enn overskriftene.")
            continue
        values = {CSV_COLUMNS[k]: (v or "").strip() for k, v in row.items() if k in CSV_COLUMNS}
        if not any(values.values()):
            continue  # an empty line
        try:
            values["decided_on"] = _parse_date(values.get("decided_on", ""))
            values["report_to"] = _organization(values.get("report_to", ""), organizations)
            values["exempt_basis"] = _exempt_basis(values.get("exempt_basis", ""))
            values["exempt"] = bool(values["exempt_basis"])
            decision = DelegatedDecision(**values)
            decision.full_clean()
        except ValueError as exc:
            errors.append(f"Linje {number}: {exc}.")
            continue
        except ValidationError as exc:
            errors.append(f"Linje {number}: {_message(exc)}")
            continue
        decisions.append(decision)
    if not decisions and not errors:
        errors.append("Filen har ingen vedtak.")
    return decisions, errors


def delegated_decisions_import(*, actor, content: str, source: str = "") -> ImportResult:
    """Import a CSV: every row is validated first; if any is bad nothing is saved (all or nothing). `actor` None is
    the management command (the system); otherwise the fagleder."""
    if actor is not None:
        require_fagleder(actor)
    decisions, errors = parse_csv(content)
    if errors:
        return ImportResult(created=[], errors=errors)
    with transaction.atomic():
        for decision in decisions:
            decision.registered_by = actor if getattr(actor, "pk", None) else None
            decision.save()
            audit(decision, actor=actor, action=AuditAction.DELEGATED_IMPORTED,
                  action_label="Delegert vedtak importert", comment=source,
                  changes={"meldes til": decision.report_to.name, "dato": decision.decided_on.isoformat()})
    return ImportResult(created=decisions, errors=[])


# --- report as referatsaker ----------------------------------------------------------------------------------


def unreported_for(organization: Organization, *, period_start: dt.date, period_end: dt.date):
    return (DelegatedDecision.objects.filter(report_to=organization, agenda_item__isnull=True,
                                             decided_on__gte=period_start, decided_on__lte=period_end)
            .order_by("decided_on", "pk"))


def _rs_title(text: str) -> str:
    longest = AgendaItem._meta.get_field("title").max_length
    title = f"{TITLE_PREFIX}{text}"
    return title if len(title) <= longest else title[: longest - 1] + "…"


def delegated_decisions_report(*, actor, meeting: Meeting, period_start: dt.date, period_end: dt.date
                               ) -> list[AgendaItem]:
    """«Meld som referatsaker»: put the body's unreported delegated decisions of the period on the meeting's
    agenda as RS items (numbered in the RS series by the agenda service) and mark them reported. An exempt
    decision's item carries its exemption: the public sees only its public title."""
    require_fagleder(actor)
    if period_start > period_end:
        raise GuardFailed("Fra-datoen må være før til-datoen.", field="period_start")
    with transaction.atomic():
        decisions = list(unreported_for(meeting.organization, period_start=period_start, period_end=period_end)
                         .select_for_update())
        if not decisions:
            raise GuardFailed(
                f"Det er ingen umeldte delegerte vedtak til {meeting.organization} fra "
                f"{period_start:%d.%m.%Y} til {period_end:%d.%m.%Y}.", field="period_start")
        items = []
        now = timezone.now()
        for decision in decisions:
            item = agenda_item_add_other(
                actor=actor, meeting=meeting, kind=AgendaItemKind.RS, title=_rs_title(decision.title),
                public_title=_rs_title(decision.public_title) if decision.exempt else "",
                exempt_basis=decision.exempt_basis if decision.exempt else "")
            decision.agenda_item, decision.reported_at = item, now
            decision.save(update_fields=["agenda_item", "reported_at"])
            audit(decision, actor=actor, action=AuditAction.DELEGATED_REPORTED,
                  action_label=f"Meldt som {item.label}", changes={"møte": str(meeting), "sak": item.label})
            items.append(item)
    return items

