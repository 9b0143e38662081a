"""The architecture the suite enforces (issue 11, part 3), next to the import-linter contracts in pyproject.toml.

- Apps use each other only through their public modules and names: no module imports a `_private` module or a
  `_private` name of ANOTHER app (import-linter cannot say this, so the AST says it).
- Inside an app too, no `_private` name leaves its module (a package's shared `_common` module is the package's own,
  and its names are public to it).
- No import cycles between modules, imports inside functions included: a cycle that only "works" because one side
  imports late is still two modules that cannot be understood (or moved) apart.

Both read the source only (no Django), so they take well under a second.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import grimp

REPO_ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("secretariat", "workflows", "calendars", "document_templates")


# --- apps use each other only through public modules and names ------------------------------------------------

def app_of(module: str) -> str:
    """The app a module belongs to: each secretariat.<app> is one, the other packages are one each; the project
    modules directly in secretariat/ (settings, urls, celery) are their own."""
    parts = module.split(".")
    if parts[0] == "secretariat" and len(parts) > 1:
        candidate = REPO_ROOT / "secretariat" / parts[1]
        if candidate.is_dir():
            return f"secretariat.{parts[1]}"
    return parts[0]


# Underscore names that are public API of Django and Python, not of the app they are reached through.
FRAMEWORK_API = frozenset({"_meta", "_default_manager", "_base_manager", "_state"})


def is_private(name: str) -> bool:
    """`_x` is private; dunders (`__init__`), enum sunders (`_value2member_map_`) and FRAMEWORK_API are not."""
    return name.startswith("_") and not name.endswith("_") and name not in FRAMEWORK_API


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO_ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def source_files() -> list[Path]:
    files = []
    for package in PACKAGES:
        for path in sorted((REPO_ROOT / package).rglob("*.py")):
            rel = path.relative_to(REPO_ROOT).parts
            if "migrations" in rel or "tests" in rel:
                continue
            files.append(path)
    return files


def absolute(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    """The absolute module of `from <...> import`, relative imports resolved."""
    if node.level == 0:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


@dataclass(frozen=True)
class PrivateImport:
    where: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.where}:{self.line} importerer {self.what}"


def private_uses_in(source: str, module: str, where: str, *, is_package: bool = False) -> list[PrivateImport]:
    """`_private` modules and names of another app that `module` imports, or reaches as an attribute of something
    it imported from another app (`from secretariat.meetings import services; services._bump(...)`)."""
    here = app_of(module)
    found = []
    foreign: dict[str, str] = {}  # local name -> the other app's module/object it is bound to
    tree = ast.parse(source, filename=where)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):  # import a.b._c [as d]: binds d, or a (to the package a)
            checks = [(alias.name, alias.name.split("."), alias.asname or alias.name.split(".")[0],
                       alias.name if alias.asname else alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):  # from a.b import _c / from a._b import c
            target = absolute(module, node, is_package)
            checks = [(f"{target}.{alias.name}", target.split(".") + [alias.name], alias.asname or alias.name,
                       f"{target}.{alias.name}") for alias in node.names if alias.name != "*"]
        else:
            continue
        for full, parts, name, bound_to in checks:
            if parts[0] not in PACKAGES:
                continue
            foreign[name] = bound_to
            if app_of(full) != here and any(is_private(part) for part in parts):
                found.append(PrivateImport(where, node.lineno, full))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and is_private(node.attr) and (dotted := dotted_name(node.value)):
            head, _, rest = dotted.partition(".")
            if head not in foreign:
                continue
            base = foreign[head] + (f".{rest}" if rest else "")
            if app_of(base) != here:
                found.append(PrivateImport(where, node.lineno, f"{base}.{node.attr}"))
    return sorted(found, key=lambda f: f.line)


def dotted_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute) and (value := dotted_name(node.value)) is not None:
        return f"{value}.{node.attr}"
    return None


def private_imports_across_apps() -> list[PrivateImport]:
    found = []
    for path in source_files():
        found += private_uses_in(path.read_text(encoding="utf-8"), module_name(path), str(path.relative_to(REPO_ROOT)),
                                 is_package=path.name == "__init__.py")
    return found


def test_apps_import_no_private_module_or_name_of_another_app():
    found = private_imports_across_apps()
    assert not found, ("En app bruker en annen apps private moduler eller navn (bruk en offentlig tjeneste/selektor):\n"
                       + "\n".join(f"  {f}" for f in found))


def test_the_private_import_check_sees_what_it_must():
    """The check itself: relative imports resolve; private modules, names and attributes of another app are
    caught; the app's own private names and public names of other apps are not."""
    source = "\n".join([
        "from ..meetings.services import _bump",            # 1: private name, relative import
        "from secretariat.meetings._notice import send",    # 2: private module
        "import secretariat.meetings._agenda as agenda",    # 3: private module, plain import
        "from secretariat.meetings import services",        # 4: public
        "from . import _local",                             # 5: own app: fine
        "from .services import _own",                       # 6: own app: fine
        "def f():",
        "    from document_templates.registry import _KINDS",   # 8: inside a function
        "    return services._bump(), services.public()",       # 9: private attribute of another app's module
        "import secretariat.meetings.services",                 # 10
        "secretariat.meetings.services._x()",                   # 11: private attribute through a dotted import
    ])
    found = private_uses_in(source, "secretariat.cases.views", "secretariat/cases/views.py")
    assert [(f.line, f.what) for f in found] == [
        (1, "secretariat.meetings.services._bump"),
        (2, "secretariat.meetings._notice.send"),
        (3, "secretariat.meetings._agenda"),
        (8, "document_templates.registry._KINDS"),
        (9, "secretariat.meetings.services._bump"),
        (11, "secretariat.meetings.services._x"),
    ]
    assert app_of("workflows.engine") == "workflows" and app_of("secretariat.settings") == "secretariat"
    assert is_private("_x") and is_private("_services")
    assert not any(is_private(n) for n in ("__init__", "x", "_meta", "_default_manager", "_value2member_map_"))


# --- inside an app too, no `_private` name leaves its module ----------------------------------------------------

def _package_of(module: str, is_package: bool) -> str:
    return module if is_package else module.rpartition(".")[0]


def private_names_across_modules_in(source: str, module: str, where: str, *,
                                    is_package: bool = False) -> list[PrivateImport]:
    """`_private` names another module imports (or reaches as an attribute of a module it imported), and `_private`
    modules imported from outside their own package. The package's shared module (`selectors/_common.py`) is the
    package's own: its siblings and the package may import it, and its names are public to them."""
    found = []
    bound: dict[str, str] = {}  # local name -> the project module or object it is bound to
    here_package = _package_of(module, is_package)
    tree = ast.parse(source, filename=where)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            target = absolute(module, node, is_package)
            if target.split(".")[0] not in PACKAGES:
                continue
            for alias in node.names:
                if alias.name == "*":
                    continue
                full = f"{target}.{alias.name}"
                bound[alias.asname or alias.name] = full
                if is_private(alias.name) or _private_module_outside_its_package(target, here_package):
                    found.append(PrivateImport(where, node.lineno, full))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] not in PACKAGES:
                    continue
                bound[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else alias.name.split(".")[0]
                if _private_module_outside_its_package(alias.name, here_package):
                    found.append(PrivateImport(where, node.lineno, alias.name))
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and is_private(node.attr) and (dotted := dotted_name(node.value)):
            head, _, rest = dotted.partition(".")
            if head in bound:
                found.append(PrivateImport(where, node.lineno, f"{bound[head]}{'.' + rest if rest else ''}.{node.attr}"))
    return sorted(found, key=lambda f: f.line)


def _private_module_outside_its_package(target: str, here_package: str) -> bool:
    parts = target.split(".")
    for i, part in enumerate(parts):
        if is_private(part):
            owner = ".".join(parts[:i])  # the package the private module belongs to
            return not (here_package == owner or here_package.startswith(owner + "."))
    return False


def test_no_private_name_leaves_its_module_inside_an_app_either():
    found = []
    for path in source_files():
        found += private_names_across_modules_in(path.read_text(encoding="utf-8"), module_name(path),
                                                 str(path.relative_to(REPO_ROOT)), is_package=path.name == "__init__.py")
    assert not found, ("En modul bruker en annen moduls private navn (gi navnet et offentlig navn, eller flytt koden):\n"
                       + "\n".join(f"  {f}" for f in found))


def test_the_within_app_check_sees_what_it_must():
    source = "\n".join([
        "from ._common import attendances_for, _has",           # 1: a private name of the package's own module
        "from .items import _item_dict",                         # 2: a private name of a sibling
        "from . import selectors",                               # 3
        "from secretariat.meetings.selectors._common import x",  # 4: a private module, outside its package
        "from ._common import public_name",                      # 5: fine (resolves to meetings._common)
        "selectors._attendances(m)",                             # 6: a private attribute of an imported module
        "selectors.public(m)",                                   # 7: fine
        "from django.db import _private_thing",                  # 8: not ours
    ])
    found = private_names_across_modules_in(source, "secretariat.meetings.views", "secretariat/meetings/views.py")
    assert [(f.line, f.what) for f in found] == [
        (1, "secretariat.meetings._common._has"),
        (2, "secretariat.meetings.items._item_dict"),
        (4, "secretariat.meetings.selectors._common.x"),
        (6, "secretariat.meetings.selectors._attendances"),
    ]
    found = private_names_across_modules_in(source, "secretariat.meetings.selectors.items",
                                            "secretariat/meetings/selectors/items.py")
    assert (4, "secretariat.meetings.selectors._common.x") not in [(f.line, f.what) for f in found]
    assert private_names_across_modules_in("from ._common import x\n", "secretariat.meetings.selectors",
                                           "secretariat/meetings/selectors/__init__.py", is_package=True) == []


# --- no import cycles between modules -------------------------------------------------------------------------

def import_graph() -> grimp.ImportGraph:
    # grimp reads every import statement, those inside functions and under TYPE_CHECKING included.
    return grimp.build_graph(*PACKAGES, cache_dir=None)


def strongly_connected_components(graph: grimp.ImportGraph) -> list[list[str]]:
    """Tarjan's algorithm, iterative (the graph is a few hundred modules); components with more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    counter = 0
    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        components.append(sorted(component))
    return sorted(components)


def describe_cycle(graph: grimp.ImportGraph, component: list[str]) -> str:
    """One concrete cycle through the component's first module, each step with its line numbers."""
    members = set(component)
    start = component[0]
    # Shortest way back to `start` inside the component (breadth-first over direct imports).
    previous: dict[str, str] = {}
    queue = [start]
    while queue and start not in previous:
        node = queue.pop(0)
        for child in sorted(graph.find_modules_directly_imported_by(node) & members):
            if child not in previous:
                previous[child] = node
                queue.append(child)
    path = [start]
    node = previous[start]
    while node != start:
        path.append(node)
        node = previous[node]
    path.append(start)
    path.reverse()
    steps = []
    for importer, imported in zip(path, path[1:], strict=False):
        lines = sorted({d["line_number"] for d in graph.get_import_details(importer=importer, imported=imported)})
        steps.append(f"    {importer} -> {imported} (l. {', '.join(map(str, lines))})")
    text = f"  syklus med {len(component)} moduler, for eksempel:\n" + "\n".join(steps)
    if len(component) > len(path) - 1:
        # Several cycles share these modules: list every import among them, so each one to break is visible.
        edges = []
        for importer in component:
            for imported in sorted(graph.find_modules_directly_imported_by(importer) & members):
                details = graph.get_import_details(importer=importer, imported=imported)
                lines = sorted({d["line_number"] for d in details})
                edges.append(f"      {importer} -> {imported} (l. {', '.join(map(str, lines))})")
        text += "\n    alle importer mellom de samme modulene:\n" + "\n".join(edges)
    return text


def test_no_import_cycles_between_modules():
    graph = import_graph()
    components = strongly_connected_components(graph)
    assert not components, ("Importsykler mellom moduler (også importer inne i funksjoner teller):\n"
                            + "\n".join(describe_cycle(graph, c) for c in components))


def test_the_cycle_check_finds_a_cycle_through_a_function_level_import():
    graph = grimp.ImportGraph()
    for module in ("a", "a.x", "a.y", "a.z"):
        graph.add_module(module)
    graph.add_import(importer="a.x", imported="a.y", line_number=1, line_contents="from a import y")
    graph.add_import(importer="a.y", imported="a.z", line_number=2, line_contents="from a import z")
    graph.add_import(importer="a.z", imported="a.x", line_number=9, line_contents="    from a import x")
    assert strongly_connected_components(graph) == [["a.x", "a.y", "a.z"]]
    assert "a.z -> a.x (l. 9)" in describe_cycle(graph, ["a.x", "a.y", "a.z"])
