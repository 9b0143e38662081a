"""workflows/ is the floor: it imports no app, not even inside a function; every step that needs an app's
handler has one; the workflows are data the rest of the code asks."""

import ast
from pathlib import Path

import pytest
from django.core import checks

from workflows.case import CASE_WORKFLOW
from workflows.meeting import MEETING_WORKFLOW
from workflows.spec import all_workflows

ROOT = Path(__file__).resolve().parents[2]
APPS = ("secretariat", "calendars", "document_templates")


def _imports(path: Path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):  # walks into functions and classes too
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "__import__":
            yield node.lineno, ast.unparse(node)


def test_workflows_imports_no_app():
    offending = [
        f"{path.relative_to(ROOT)}:{line}: {name}"
        for path in sorted((ROOT / "workflows").rglob("*.py"))
        for line, name in _imports(path)
        if name.split(".")[0] in APPS or "__import__" in name
    ]
    assert offending == []


def test_the_scan_sees_imports_inside_functions(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from secretariat.meetings.services import x\n")
    assert [name for _, name in _imports(sample)] == ["secretariat.meetings.services"]


def test_every_step_that_needs_a_handler_has_one():
    assert {w.name: w.missing_handlers() for w in all_workflows()} == {w.name: [] for w in all_workflows()}
    assert [e.id for e in checks.run_checks() if e.id == "workflows.E001"] == []


def test_the_startup_check_names_a_missing_handler():
    from workflows.checks import transition_handlers

    saved = CASE_WORKFLOW._handlers.pop("decide")
    try:
        errors = transition_handlers()
    finally:
        CASE_WORKFLOW._handlers["decide"] = saved
    assert [e.id for e in errors] == ["workflows.E001"] and "decide" in errors[0].msg


def test_state_sets_come_from_the_workflow_data():
    assert MEETING_WORKFLOW.states_with("held") == {"gjennomfort", "protokoll_utkast", "protokoll_godkjent",
                                                    "arkivert"}
    assert MEETING_WORKFLOW.states_with("minutes_public") == {"protokoll_godkjent", "arkivert"}
    assert CASE_WORKFLOW.states_with("final") == {"vedtatt", "i_oppfolging", "avsluttet"}
    assert CASE_WORKFLOW.states_with("public") == {"satt_opp", "behandlet", "til_neste_organ", "vedtatt",
                                                   "i_oppfolging", "avsluttet", "utsatt", "sendt_tilbake", "klar"}
    # klar only once the case has been on a published agenda (postponed, or an innstilling to the next body)
    assert CASE_WORKFLOW.states_with("public_when_on_published_agenda") == {"satt_opp", "klar"}
    with pytest.raises(KeyError):
        MEETING_WORKFLOW.states_with("no_such_property")


def test_a_second_handler_for_a_step_is_refused():
    with pytest.raises(ValueError, match="already has a handler"):
        CASE_WORKFLOW.handler("decide")(lambda case, **kw: None)


def _literal_audit_actions(source: str, filename: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) == "audit":
            for kw in node.keywords:
                if kw.arg == "action" and any(isinstance(n, ast.Constant) and isinstance(n.value, str)
                                              for n in ast.walk(kw.value)):
                    found.append(f"{filename}:{node.lineno}: {ast.unparse(kw.value)}")
    return found


def test_every_audit_row_names_its_action_from_the_enumeration():
    """Audit action codes are enumerated (workflows/actions.py AuditAction): no string literal at a call site."""
    offenders = []
    for package in (*APPS, "workflows"):
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                offenders += _literal_audit_actions(path.read_text(), str(path.relative_to(ROOT)))
    assert not offenders, "Use AuditAction (workflows/actions.py):\n" + "\n".join(offenders)


def test_the_audit_scan_sees_a_literal():
    assert _literal_audit_actions('audit(x, actor=a, action="endret")\n', "x.py")
    assert not _literal_audit_actions("audit(x, actor=a, action=AuditAction.CHANGED)\n", "x.py")
