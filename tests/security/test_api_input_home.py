"""Every API write reads its input through a serializer (issue 12): no API module reads `request.data` by hand."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
API_MODULES = [p for package in ("secretariat", "calendars", "document_templates")
               for p in (ROOT / package).rglob("apis.py")]


def hand_reads(source: str, filename: str) -> list[str]:
    """`request.data.get(...)`, `request.data[...]` and `request.FILES.get(...)`: reads that skip a serializer."""
    found = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        target = None
        if isinstance(node, ast.Subscript):
            target = node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
            target = node.func.value
        if (isinstance(target, ast.Attribute) and target.attr in ("data", "FILES")
                and isinstance(target.value, ast.Name) and target.value.id == "request"):
            found.append(f"{filename}:{node.lineno}: {ast.unparse(node)[:80]}")
    return found


def test_no_api_module_reads_the_request_body_by_hand():
    assert API_MODULES, "found no apis.py"
    offenders = [hit for path in API_MODULES for hit in hand_reads(path.read_text(), str(path.relative_to(ROOT)))]
    assert not offenders, "Read the body through a serializer (secretariat/api/input.py validated):\n" + "\n".join(
        offenders)


def test_the_scan_sees_a_hand_read():
    assert hand_reads('x = request.data.get("a")\ny = request.data["b"]\nz = request.FILES.get("f")\n', "x.py")
    assert not hand_reads("x = validated(S, request)\n", "x.py")
