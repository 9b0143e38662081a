"""The access policy has one home: secretariat/access. No other code may read the exemption or publication
fields to decide what someone may see (issue 11, part 3).

An AST scan of secretariat/, calendars/ and document_templates/ flags every read of `exempt`,
`exempt_sections`, `notice_sent_at`, `closed`, `closed_basis` and `public_title` that takes part in a decision:
in a condition (`if`, `while`, a conditional expression, a comprehension's `if`, `and`/`or`/`not`, a
comparison) or as a lookup in a query (`.filter(exempt=...)`, `Q(closed=True)`, `notice_sent_at__isnull` ...).
Code that WRITES these fields (models' validation, forms, admin, the services that set them) is allowed by
the short list below, each entry with its reason. Anything else asks `secretariat.access`.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ["secretariat", "calendars", "document_templates"]
POLICY_HOME = "secretariat/access/"
FIELDS = frozenset({"exempt", "exempt_sections", "notice_sent_at", "closed", "closed_basis", "public_title"})
QUERY_CALLS = frozenset({"filter", "exclude", "get", "get_or_create", "update_or_create", "Q", "When"})

# path -> why it may read the fields in a condition (write paths only; each says what it writes or validates).
ALLOWED = {
    "secretariat/cases/models.py": "the model's own exempt_marking property and its validation when the "
                                   "exemption is written",
    "secretariat/meetings/services/": "the notice and close services write notice_sent_at and closed (and guard "
                                      "re-sending a notice, removing a noticed item, a secret item in a remote "
                                      "meeting, and the anonymised title a new item copies)",
    "secretariat/delegations/models.py": "the delegated decision's own exempt_marking property and its validation "
                                         "when the exemption is written",
    "secretariat/delegations/services.py": "writes: clears a basis without exemption, and copies a decision's "
                                           "exemption and public title onto the RS item it reports",
    "secretariat/demo/scale/": "seed_scale writes generated data: it sets exempt, closed and notice_sent_at "
                               "and writes the matching (marked) text; the sample of real documents is drawn "
                               "from access.public_cases",
    "secretariat/weddings/": "a wedding's notice_sent_at is the message to Skatteetaten (ekteskapsloven), "
                             "not publication of anything",
}


def _allowed(rel: str) -> bool:
    return any(rel == path or (path.endswith("/") and rel.startswith(path)) for path in ALLOWED)


def _lookup_mentions_field(name: str) -> bool:
    return any(part in FIELDS for part in name.split("__"))


class _Scanner(ast.NodeVisitor):
    def __init__(self):
        self.hits: list[tuple[int, str]] = []
        self._condition = 0

    def _in_condition(self, node):
        self._condition += 1
        self.visit(node)
        self._condition -= 1

    def visit_If(self, node):
        self._in_condition(node.test)
        for child in node.body + node.orelse:
            self.visit(child)

    visit_While = visit_If

    def visit_IfExp(self, node):
        self._in_condition(node.test)
        self.visit(node.body)
        self.visit(node.orelse)

    def visit_Assert(self, node):
        self._in_condition(node.test)

    def visit_comprehension(self, node):
        self.visit(node.target)
        self.visit(node.iter)
        for cond in node.ifs:
            self._in_condition(cond)

    def visit_BoolOp(self, node):
        for value in node.values:
            self._in_condition(value)

    def visit_UnaryOp(self, node):
        if isinstance(node.op, ast.Not):
            self._in_condition(node.operand)
        else:
            self.generic_visit(node)

    def visit_Compare(self, node):
        self._in_condition(node.left)
        for comparator in node.comparators:
            self._in_condition(comparator)

    def visit_Attribute(self, node):
        if self._condition and node.attr in FIELDS and isinstance(node.ctx, ast.Load):
            self.hits.append((node.lineno, f"reads .{node.attr} in a condition"))
        self.generic_visit(node)

    def visit_Call(self, node):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in QUERY_CALLS:
            for keyword in node.keywords:
                if keyword.arg and _lookup_mentions_field(keyword.arg):
                    self.hits.append((node.lineno, f"looks up {keyword.arg} in {name}()"))
        self.generic_visit(node)


def scan_source(source: str) -> list[tuple[int, str]]:
    scanner = _Scanner()
    scanner.visit(ast.parse(source))
    return scanner.hits


def _files():
    for top in SCANNED:
        for path in sorted((ROOT / top).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if "/migrations/" in rel or rel.startswith(POLICY_HOME):
                continue
            yield rel, path


def test_only_the_access_policy_reads_the_exemption_and_publication_fields_to_decide():
    offenders = []
    for rel, path in _files():
        if _allowed(rel):
            continue
        for line, what in scan_source(path.read_text(encoding="utf-8")):
            offenders.append(f"{rel}:{line}: {what}")
    assert not offenders, ("Ask secretariat.access instead of reading these fields (or, for a write path, add the "
                           "file to ALLOWED with its reason):\n" + "\n".join(offenders))


def test_every_allowlist_entry_is_still_needed_and_says_why():
    for path, reason in ALLOWED.items():
        assert (ROOT / path).exists(), f"{path} is in the allowlist but does not exist"
        assert len(reason) > 20, f"{path}: say why it may read the fields"
        files = sorted((ROOT / path).rglob("*.py")) if path.endswith("/") else [ROOT / path]
        assert any(scan_source(f.read_text(encoding="utf-8")) for f in files), f"{path} no longer needs the allowlist"


def test_the_scan_catches_each_kind_of_read():
    caught = scan_source(
        "if case.exempt:\n    pass\n"
        "x = a if item.closed else b\n"
        "qs.filter(notice_sent_at__isnull=False)\n"
        "Q(consultation__case__exempt=True)\n"
        "y = [s for s in sections if s not in paper.exempt_sections]\n"
        "z = not item.closed_basis or other\n"
        "title = case.public_title if case.exempt else case.title\n"
    )
    assert {line for line, _ in caught} == {1, 3, 4, 5, 6, 7, 8}
    assert not scan_source("item.closed = True\ncase.title = case.public_title\nprint(meeting.notice_sent_at)\n")
