"""The route-complete access matrix (issue 11, part 4).

Every URL pattern Django resolves must be declared in tests/access/matrix.py; each declared route is
requested by each of the seven roles against the planted world (tests/access/world.py), and the answer must
be the declared one and show only the markers the access policy lets that role see. Each test reports every
failing cell of its route at once: route, variant, role, expected vs got, leaked markers.
"""

from __future__ import annotations

import io
import re
import zipfile
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client, TestCase
from django.urls import reverse
from django.urls.exceptions import NoReverseMatch

from .matrix import DENY, LOGIN, MATRIX, MAYBE, OK, POSTED, REDIRECT, Route, Variant
from .routes import RoutePattern, all_routes, entry_for, first_alternative, stale, undeclared
from .world import ANONYMOUS, MARKERS, ROLES

ROUTES = all_routes()

def _is_admin(route: RoutePattern) -> bool:
    return route.path.startswith("admin/")


APP_ROUTES = [r for r in ROUTES if not _is_admin(r)]
ADMIN_ROUTES = [r for r in ROUTES if _is_admin(r)]


def _ids(routes):
    seen: dict[str, int] = {}
    out = []
    for r in routes:
        seen[r.id] = seen.get(r.id, 0) + 1
        out.append(r.id if seen[r.id] == 1 else f"{r.id}#{seen[r.id]}")
    return out


# --- every route is declared ---------------------------------------------------------------------------------


def test_every_route_is_in_the_matrix():
    problems = undeclared(ROUTES, MATRIX) + stale(ROUTES, MATRIX)
    assert not problems, f"{len(problems)} route(s) not (or no longer) declared:\n" + "\n".join(problems)


def test_an_undeclared_route_fails_the_check_and_is_named():
    """The checker itself: a route added without a matrix entry is reported with its name and path."""
    extra = RoutePattern(name="cases:new_secret_page", path="intern/saker/<int:pk>/hemmelig/", kwargs=("pk",),
                         view="secretariat.cases.views.secret")
    unnamed = RoutePattern(name=None, path="intern/uten-navn/", kwargs=(), view="x.y")
    problems = undeclared([*ROUTES, extra, unnamed], MATRIX)
    assert len(problems) == 2
    assert "cases:new_secret_page" in problems[0] and "/intern/saker/<int:pk>/hemmelig/" in problems[0]
    assert "tests/access/matrix.py" in problems[0]
    assert "/intern/uten-navn/" in problems[1]
    # … and a declared route that disappears is reported too.
    gone = [*MATRIX, Route(name="cases:removed_page")]
    assert stale(ROUTES, gone) == ["Matrix entry 'cases:removed_page' matches no URL pattern; remove or rename it."]
    # A glob entry declares a homogeneous group (the admin), nothing else.
    assert entry_for(RoutePattern("admin:auth_user_changelist", "admin/auth/user/", (), "v"), MATRIX).name == "admin:*"
    assert entry_for(RoutePattern("administration", "x/", (), "v"), MATRIX) is None


# --- requesting a route as each role -------------------------------------------------------------------------


def _client(world, key: str | None) -> Client:
    """A client logged in as `key` (a role, or "superuser"); anonymous for None. A 500 is answered, not raised,
    so it becomes one failing cell among the others."""
    client = Client(raise_request_exception=False)
    if key is not None:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[key]
    return client


def _clients(world) -> dict[str, Client]:
    return {role: _client(world, None if role == ANONYMOUS else role) for role in ROLES}


def _value(world, value):
    if isinstance(value, str) and value.startswith("@"):
        return world.ids[value[1:]]
    return value


def _url(world, route: RoutePattern, variant: Variant) -> str:
    kwargs = {k: _value(world, v) for k, v in variant.kwargs.items()}
    if route.format_suffix:
        kwargs["format"] = "json"
    try:
        url = reverse(route.name, kwargs=kwargs or None)
    except NoReverseMatch as exc:
        raise AssertionError(f"{route.id} [{variant.label}]: the matrix's kwargs {kwargs} do not fill /{route.path}"
                             f" ({exc})") from None
    if route.format_suffix and not url.rstrip("/").endswith(".json"):  # reverse picked the plain pattern
        raise AssertionError(f"{route.id}: could not build the format-suffix URL (got {url})")
    return url + variant.query


def _fetch(client: Client, method: str, url: str):
    """GET (or POST an empty body), running what the request queued for after commit, as a browser would see
    it: a document first answered with 202 (generation queued) is fetched again once generated."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(url, {}) if method == "POST" else client.get(url)
    if method == "GET" and response.status_code == 202:
        with TestCase.captureOnCommitCallbacks(execute=True):
            response = client.get(url + ("&" if "?" in url else "?") + "venter=1")
    return response


def _to_login(response, login_path: str) -> bool:
    return response.status_code in (301, 302, 303) and urlparse(response["Location"]).path.startswith(login_path)


def outcome_error(expected: str, response, *, path: str, method: str) -> str | None:
    """None when the response is what `expected` allows, else what went wrong."""
    status = response.status_code
    api = path.startswith("/api/")
    login = _to_login(response, "/admin/login/" if path.startswith("/admin/") else resolve_url(settings.LOGIN_URL))
    redirect = 300 <= status < 400
    if status >= 500:
        return f"server error {status}"
    ok = 200 <= status < 300
    denied = status in (401, 403, 404) or login or (method == "POST" and redirect)
    allowed = {
        OK: ok,
        LOGIN: (status in (401, 403)) if api else login,
        DENY: denied,
        MAYBE: ok or denied,
        REDIRECT: redirect and not login,
        POSTED: True,
    }[expected]
    if allowed:
        return None
    where = f" to {response['Location']}" if redirect else ""
    return f"expected {expected}, got {status}{where}"


DOCX = "wordprocessingml"


def body_text(response) -> str | None:
    """The text of a response to look for markers in: HTML/JSON/XML/text decoded, iCalendar unfolded, .docx read
    with python-docx and from its XML parts; None for PDF (binary content is not read)."""
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    content_type = response.get("Content-Type", "")
    if "pdf" in content_type or raw.startswith(b"%PDF"):
        return None
    if DOCX in content_type or raw.startswith(b"PK\x03\x04"):
        return _docx_text(raw)
    text = raw.decode("utf-8", errors="replace")
    if "calendar" in content_type:
        text = re.sub(r"\r?\n[ \t]", "", text)  # RFC 5545 line folding
    return text


def _docx_text(raw: bytes) -> str:
    import docx

    from tests.test_no_leaks import docx_text

    parts = [docx_text(raw)]
    docx.Document(io.BytesIO(raw))  # it must be a real .docx
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:  # text boxes, footnotes, comments: every XML part
        for name in archive.namelist():
            if name.endswith(".xml"):
                parts.append(re.sub(r"<[^>]+>", "", archive.read(name).decode("utf-8", errors="replace")))
    return "\n".join(parts)


def leaked(text: str | None, role: str, *, public: bool) -> list[str]:
    if not text:
        return []
    return [f"{m.what} ({m.text})" for m in MARKERS if m.text in text and (public or role not in m.allowed)]


def variants_to_request(route: RoutePattern, entry: Route) -> list[Variant]:
    """All the entry's variants; a DRF format-suffix pattern (the same view answering `.json`) is requested with
    the first variant of each method, which is enough to show that it answers like its plain pattern."""
    if not route.format_suffix:
        return list(entry.variants)
    first: dict[str, Variant] = {}
    for variant in entry.variants:
        first.setdefault(variant.method, variant)
    return list(first.values())


def check_route(world, route: RoutePattern, entry: Route, clients) -> tuple[list[str], int]:
    failures = []
    requests = 0
    for variant in variants_to_request(route, entry):
        url = _url(world, route, variant)
        public = entry.public or variant.public
        # Roles that may use a POST-only route go last, so their POST cannot change what the others see.
        order = sorted(ROLES, key=lambda role: variant.access[role] == POSTED)
        for role in order:
            expected = variant.access[role]
            response = _fetch(clients[role], variant.method, url)
            requests += 1
            cell = f"{route.id} [{variant.label}] {variant.method} {url} as {role}"
            if error := outcome_error(expected, response, path=url, method=variant.method):
                failures.append(f"{cell}: {error}")
            found = leaked(body_text(response), entry.content_as or role, public=public)
            if found:
                surface = "public surface" if public else f"not allowed for {entry.content_as or role}"
                failures.append(f"{cell}: LEAK ({surface}, status {response.status_code}): {', '.join(found)}")
    return failures, requests


@pytest.mark.django_db
@pytest.mark.parametrize("route", APP_ROUTES, ids=_ids(APP_ROUTES))
def test_route_access(world, route):
    entry = entry_for(route, MATRIX)
    assert entry is not None, "\n".join(undeclared([route], MATRIX))
    assert entry.variants, f"{route.id}: the matrix entry {entry.name!r} declares no variant to request"
    failures, requests = check_route(world, route, entry, _clients(world))
    assert requests >= len(ROLES)
    assert not failures, f"{len(failures)} failing cell(s) of {route.id}:\n" + "\n".join(failures)


# --- the admin: one homogeneous group --------------------------------------------------------------------------

ADMIN_LIST_SUFFIXES = ("_changelist", ":index", ":app_list")


def _admin_roles(route: RoutePattern, is_list: bool) -> list[str]:
    """Every role on the admin's index, app indexes and changelists; elsewhere anonymous and one logged-in role,
    taking turns over the routes. None of the roles is a Django staff user, so the admin's own gate
    (is_active and is_staff) treats the six logged-in roles alike; taking turns keeps ~330 routes fast."""
    if is_list:
        return list(ROLES)
    logged_in = [r for r in ROLES if r != ANONYMOUS]
    return [ANONYMOUS, logged_in[ADMIN_ROUTES.index(route) % len(logged_in)]]


def _admin_url(route: RoutePattern) -> str:
    if route.name is None:  # fill the pattern itself: <path:object_id> -> 1, (?P<url>.*)$ -> finnes-ikke/
        path = re.sub(r"<(?:\w+:)?\w+>", "1", route.path)
        path = re.sub(r"\(\?P<\w+>[^)]*\)", "finnes-ikke/", path)
        return "/" + path.replace("^", "").replace("$", "")
    kwargs = {}
    for name in route.kwargs:
        kwargs[name] = first_alternative(route, name) or ("1" if name in ("object_id", "content_type_id", "id")
                                                          else "x")
    return reverse(route.name, kwargs=kwargs or None)


@pytest.mark.django_db
@pytest.mark.parametrize("route", ADMIN_ROUTES, ids=_ids(ADMIN_ROUTES))
def test_admin_route_access(world, route):
    """admin:* and admin/* — anonymous and the seven roles (none is a Django staff user) end at the admin log-in;
    the superuser gets 200 on the index, the app indexes and every changelist."""
    entry = entry_for(route, MATRIX)
    assert entry is not None and entry.name in ("admin:*", "admin/*"), "\n".join(undeclared([route], MATRIX))
    url = _admin_url(route)
    failures = []
    is_list = (route.name or "").endswith(ADMIN_LIST_SUFFIXES)
    for role in _admin_roles(route, is_list):
        client = _client(world, None if role == ANONYMOUS else role)
        response = client.get(url)
        if route.name == "admin:logout":  # POST-only; a GET is refused whoever asks
            if response.status_code >= 500 or 200 <= response.status_code < 300:
                failures.append(f"{route.id} GET {url} as {role}: got {response.status_code}")
            continue
        if route.name == "admin:login":
            ok = response.status_code == 200
        else:
            # An object's bare URL first redirects to its change page, which sends to the log-in.
            for _hop in range(3):
                if not (response.status_code in (301, 302) and not _to_login(response, "/admin/login/")):
                    break
                response = client.get(response["Location"])
            ok = _to_login(response, "/admin/login/")
        if not ok:
            failures.append(f"{route.id} GET {url} as {role}: expected to be sent to the admin log-in, got "
                            f"{response.status_code} {response.get('Location', '')}")
        if found := leaked(body_text(response), role, public=True):
            failures.append(f"{route.id} GET {url} as {role}: LEAK {found}")
    if is_list:
        response = _client(world, "superuser").get(url)
        if response.status_code != 200:
            failures.append(f"{route.id} GET {url} as superuser: expected 200, got {response.status_code}")
    assert not failures, f"{len(failures)} failing cell(s) of {route.id}:\n" + "\n".join(failures)


# --- the markers are really there where the policy allows them ---------------------------------------------


@pytest.mark.django_db
def test_the_planted_markers_show_where_the_policy_allows_them(world):
    """So that "no marker found" means something: each marker is in the body of at least one page of a role
    that may see it (the fagleder's staff pages, the owner's attachment file)."""
    fagleder = _client(world, "fagleder")
    owner = _client(world, "saksbehandler_owner")
    bodies = [body_text(_fetch(fagleder, "GET", reverse("cases:detail", args=[world.ids[name]])))
              for name in ("case_exempt", "case_closed", "case_sections", "case_tillegg", "case_planned",
                           "case_draft", "case_draft_exempt")]
    bodies.append(body_text(_fetch(fagleder, "GET", reverse("meetings:minutes", args=[world.ids["meeting_held"]]))))
    for name in ("meetings:detail", "meetings:questions"):  # the exempt spørsmål and the exempt RS item
        bodies.append(body_text(_fetch(fagleder, "GET", reverse(name, args=[world.ids["meeting_noticed"]]))))
    bodies.append(body_text(_fetch(owner, "GET", reverse("documents:attachment",
                                                         args=[world.ids["attachment_exempt"]]))))
    # the politikerportal (session 20): each folkevalgt's own note, the permisjon's ground for the secretariat
    for role in ("folkevalgt_on_body", "folkevalgt_other_body"):
        bodies.append(body_text(_fetch(_client(world, role), "GET",
                                       reverse("members:paper", args=[world.ids["case_public"]]))))
    bodies.append(body_text(_fetch(fagleder, "GET", reverse("leave_staff:detail", args=[world.ids["leave_body"]]))))
    text = "\n".join(b or "" for b in bodies)
    missing = [m.what for m in MARKERS if m.text not in text]
    assert not missing, f"planted markers that no allowed page shows: {missing}"
