"""Each role rule has one home: secretariat/access (STYLE.md, "a rule written twice will disagree").

Who the politisk sekretariat is (`access.is_secretariat` / `require_secretariat`), who sees everything
(`access.sees_everything`), who manages follow-ups (`access.can_manage_followups`), who creates cases
(`access.can_create_cases`) ... are answered there, and the apps ask. An app that writes its own
`has_role(user, Role.FAGLEDER)` or `has_role(user, Role.FAGLEDER, Role.KOMMUNEDIREKTOR)` keeps a copy of one of those
rules, and the copies drift apart.

An AST scan of secretariat/, workflows/, calendars/ and document_templates/ flags every call of `has_role` that names
the fagleder or the kommunedirektør: `Role.FAGLEDER` / `Role.KOMMUNEDIREKTOR` (through any import), the strings
"fagleder" / "kommunedirektor" (Role is a StrEnum), or a name bound to any of those at module level, in this module
or imported from another (`FAGLEDER = Role.FAGLEDER`, `MANAGERS = (Role.FAGLEDER, ...)`, `*MANAGERS`). It also flags
`Role.FAGLEDER in user_roles(user)`, the same copy written another way. Roles named as DATA (a workflow's
`roles=(FAGLEDER,)`, the demo users, the roles page's assignable roles) are not calls and are not flagged.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ("secretariat", "workflows", "calendars", "document_templates")
# Every role (since session 22 also the folkevalgt and the saksbehandler: `access.is_folkevalgt`,
# `access.is_saksbehandler`).
GUARDED_ROLES = frozenset({"FAGLEDER", "KOMMUNEDIREKTOR", "FOLKEVALGT", "SAKSBEHANDLER"})
GUARDED_VALUES = frozenset({"fagleder", "kommunedirektor", "folkevalgt", "saksbehandler"})
CHECK_CALLS = frozenset({"has_role"})

# Where the roles may be named in a check for good: path (a folder ends with "/") -> why.
HOMES = {
    "secretariat/access/": "the access policy: the one home of every role rule",
    "secretariat/accounts/roles.py": "defines the roles and is_staff_member",
    "workflows/roles.py": "defines Role and has_role (the workflow floor)",
    "secretariat/demo/": "the demo and scale seeders create users with their roles",
}


def _is_seed_or_migration(rel: str) -> bool:
    """Seed code (each app's demo.py, management commands seeding data) and migrations name roles as data."""
    parts = rel.split("/")
    return "migrations" in parts or parts[-1] == "demo.py" or parts[-1].startswith("seed_")


# Apps allowed to keep a copy for now (path -> why). Empty since session 21: every app asks secretariat/access.
# The test below fails once an entry is no longer needed, so the list can only shrink.
TEMPORARY: dict[str, str] = {}


def _listed(rel: str, table: dict[str, str]) -> bool:
    return any(rel == path or (path.endswith("/") and rel.startswith(path)) for path in table)


def module_name(rel: str) -> str:
    parts = rel.removesuffix(".py").split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _absolute(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if node.level == 0:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _names_guarded_role(node: ast.AST, guarded_names: set[str]) -> bool:
    """Whether an expression names the fagleder or the kommunedirektør (directly or through a known name)."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.Attribute) and sub.attr in GUARDED_ROLES:
            return True
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str) and sub.value in GUARDED_VALUES:
            return True
        if isinstance(sub, ast.Name) and sub.id in guarded_names:
            return True
    return False


def guarded_constants(tree: ast.Module, imported: set[str] = frozenset()) -> set[str]:
    """The module-level names bound to a guarded role or a collection holding one."""
    found = set(imported)
    for node in tree.body:
        if not isinstance(node, ast.Assign | ast.AnnAssign):
            continue
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        value = node.value
        if value is None:
            continue
        for target in targets:
            if isinstance(target, ast.Name) and _names_guarded_role(value, found):
                found.add(target.id)
            elif isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple):
                for name, part in zip(target.elts, value.elts, strict=False):
                    if isinstance(name, ast.Name) and _names_guarded_role(part, found):
                        found.add(name.id)
    return found


def _call_name(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def scan_source(source: str, *, imported_guarded: set[str] = frozenset()) -> list[tuple[int, str]]:
    tree = ast.parse(source)
    guarded = guarded_constants(tree, set(imported_guarded))
    hits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _call_name(node) in CHECK_CALLS:
            args = [a.value if isinstance(a, ast.Starred) else a for a in node.args]
            if any(_names_guarded_role(a, guarded) for a in args):
                hits.append((node.lineno, f"{_call_name(node)}(...) names a role"))
        elif isinstance(node, ast.Compare) and any(isinstance(op, ast.In | ast.NotIn) for op in node.ops):
            reads_roles = any(isinstance(sub, ast.Call) and _call_name(sub) == "user_roles"
                              for comparator in node.comparators for sub in ast.walk(comparator))
            if reads_roles and _names_guarded_role(node.left, guarded):
                hits.append((node.lineno, "tests a role in user_roles(...)"))
    return sorted(hits)


def _files() -> list[tuple[str, Path]]:
    files = []
    for top in SCANNED:
        for path in sorted((ROOT / top).rglob("*.py")):
            files.append((path.relative_to(ROOT).as_posix(), path))
    return files


def _imported_guarded_names(rel: str, tree: ast.Module, constants: dict[str, set[str]]) -> set[str]:
    """Names this module imports that another scanned module binds to a guarded role (e.g. REGISTER_ROLES)."""
    module = module_name(rel)
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            source = _absolute(module, node, rel.endswith("__init__.py"))
            for alias in node.names:
                if alias.name in constants.get(source, ()):
                    names.add(alias.asname or alias.name)
    return names


def offenders() -> dict[str, list[str]]:
    """rel path -> its hits, for every scanned file outside the homes and seed code (TEMPORARY entries included)."""
    trees = {rel: ast.parse(path.read_text(encoding="utf-8")) for rel, path in _files()}
    constants = {module_name(rel): guarded_constants(tree) for rel, tree in trees.items()}
    found = {}
    for rel, path in _files():
        if _listed(rel, HOMES) or _is_seed_or_migration(rel):
            continue
        imported = _imported_guarded_names(rel, trees[rel], constants)
        hits = scan_source(path.read_text(encoding="utf-8"), imported_guarded=imported)
        if hits:
            found[rel] = [f"{rel}:{line}: {what}" for line, what in hits]
    return found


def test_no_app_writes_its_own_copy_of_a_role_rule():
    found = [line for rel, lines in offenders().items() if not _listed(rel, TEMPORARY) for line in lines]
    assert not found, (
        "Ask secretariat.access instead of has_role(..., Role.X): is_secretariat / require_secretariat, "
        "sees_everything, can_manage_followups, can_create_cases, can_plan_elections, is_folkevalgt, "
        "is_saksbehandler ... "
        "(or give the rule a well-named home there):\n" + "\n".join(found))


def test_every_temporary_allowance_is_still_needed():
    """When the helpers working in an allowed app have moved its copies to secretariat/access, remove its entry."""
    found = offenders()
    for path, reason in TEMPORARY.items():
        assert (ROOT / path).exists(), f"{path} is allowed but does not exist"
        assert len(reason) > 20, f"{path}: say why it is allowed"
        assert any(_listed(rel, {path: reason}) for rel in found), (
            f"{path} no longer writes a copy of a role rule: remove it from TEMPORARY")


def test_every_home_exists():
    for path in HOMES:
        assert (ROOT / path).exists(), f"{path} is a home but does not exist"


def test_the_scan_catches_each_way_of_writing_the_copy():
    source = "\n".join([
        "from secretariat.accounts.roles import Role, has_role, user_roles",   # 1
        "from secretariat.accounts import roles",                             # 2
        "MANAGERS = (Role.FAGLEDER, Role.KOMMUNEDIREKTOR)",                    # 3
        "FAGLEDER, KD = Role.FAGLEDER, Role.KOMMUNEDIREKTOR",                  # 4
        "def f(user, case):",                                                 # 5
        "    a = has_role(user, Role.FAGLEDER)",                               # 6: the plain copy
        "    b = has_role(user, Role.SAKSBEHANDLER, Role.KOMMUNEDIREKTOR)",    # 7: one of several
        "    c = roles.has_role(user, roles.Role.FAGLEDER)",                   # 8: through a module
        "    d = has_role(user, *MANAGERS)",                                   # 9: a module constant
        "    e = has_role(user, KD)",                                          # 10: an alias
        "    g = has_role(user, 'fagleder')",                                  # 11: the StrEnum's value
        "    h = Role.FAGLEDER in user_roles(user)",                           # 12: another spelling
        "    i = has_role(user, *IMPORTED)",                                   # 13: a constant from elsewhere
        "    j = has_role(user, Role.FOLKEVALGT)",                             # 14: the folkevalgt too
        "    k = has_role(user, 'saksbehandler')",                             # 15: and the saksbehandler
        "    return a or b or c or d or e or g or h or i or j or k",
    ])
    caught = scan_source(source, imported_guarded={"IMPORTED"})
    assert [line for line, _ in caught] == [6, 7, 8, 9, 10, 11, 12, 13, 14, 15]


def test_the_scan_leaves_roles_as_data_alone():
    source = "\n".join([
        "from secretariat.accounts.roles import Role, has_role",
        "STAFF = frozenset({Role.SAKSBEHANDLER, Role.FAGLEDER, Role.KOMMUNEDIREKTOR})",  # data, not a check
        "ASSIGNABLE = (Role.FOLKEVALGT, Role.SAKSBEHANDLER)",
        "def f(user, spec):",
        "    c = has_role(user, *spec.roles)",            # the workflow engine asks a transition's roles
        "    d = Transition('x', roles=(Role.FAGLEDER,))",
        "    e = assign_role(user, Role.FOLKEVALGT)",     # a grant, not a check
        "    return c or d or e",
    ])
    assert scan_source(source) == []


def test_a_constant_imported_from_another_module_is_followed():
    """`from secretariat.access.registers import REGISTER_ROLES` + `has_role(user, *REGISTER_ROLES)` is a copy too."""
    constants = {"secretariat.access.registers": {"REGISTER_ROLES"}}
    tree = ast.parse("from secretariat.access.registers import REGISTER_ROLES as R\nfrom .x import Y\n")
    assert _imported_guarded_names("secretariat/cases/views.py", tree, constants) == {"R"}
    assert "REGISTER_ROLES" in constants_of("secretariat/access/registers.py")


def constants_of(rel: str) -> set[str]:
    return guarded_constants(ast.parse((ROOT / rel).read_text(encoding="utf-8")))
