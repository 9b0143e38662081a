"""Every staff write reads its input through a Django form (issue 12): no module reads `request.POST` or
`request.FILES` by hand. The API has its own guard (test_api_input_home.py: serializers via `validated()`).

Passing the whole QueryDict to a form (`NoteForm(request.POST)`) or to the transition adapter is the one way in; a
`.get(...)`, `[...]`, `.getlist(...)` (or `.dict()`, `.items()`, `in`) on it skips the form's rules
(secretariat/common/forms.py: control characters, lengths from the columns, bounded years and numbers).
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("secretariat", "calendars", "document_templates", "workflows")
ALLOWLIST: set[str] = set()  # every module is covered (session 19: secretariat/meetings/views.py was the last)
READS = {"get", "getlist", "dict", "items", "lists", "values", "keys", "pop", "copy"}


def _is_form_data(node) -> bool:
    """`<name>.POST` or `<name>.FILES` (the request, whatever it is called)."""
    return isinstance(node, ast.Attribute) and node.attr in ("POST", "FILES") and isinstance(node.value, ast.Name)


def hand_reads(source: str, filename: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        hit = False
        if isinstance(node, ast.Subscript):
            hit = _is_form_data(node.value)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in READS:
            hit = _is_form_data(node.func.value)
        elif isinstance(node, ast.Compare):
            hit = any(isinstance(op, ast.In | ast.NotIn) for op in node.ops) and any(
                _is_form_data(c) for c in node.comparators)
        if hit:
            found.append(f"{filename}:{node.lineno}: {ast.unparse(node)[:80]}")
    return found


def _modules():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path, str(path.relative_to(ROOT))


def test_no_module_reads_the_posted_form_by_hand():
    offenders = [hit for path, name in _modules() if name not in ALLOWLIST
                 for hit in hand_reads(path.read_text(encoding="utf-8"), name)]
    assert not offenders, ("Read the posted values through a Django form with secretariat.common.forms."
                           "InputRulesMixin:\n" + "\n".join(offenders))


def test_the_allowlist_names_only_modules_that_still_need_it():
    for name in ALLOWLIST:
        path = ROOT / name
        assert path.exists() and hand_reads(path.read_text(encoding="utf-8"), name), (
            f"{name} reads no form by hand any more: take it off the allowlist")


def test_the_scan_sees_each_kind_of_hand_read():
    source = ('a = request.POST.get("a")\nb = request.POST["b"]\nc = request.POST.getlist("c")\n'
              'd = req.FILES.get("f")\ne = "x" in request.POST\nf = request.POST.dict()\n')
    assert len(hand_reads(source, "x.py")) == 6
    assert not hand_reads("form = NoteForm(request.POST, request.FILES)\nstaff_take_transition(request, obj)\n"
                          "x = form.cleaned_data['text']\n", "x.py")
