"""The document kinds Saksgang can generate, and the one place that renders and stores them.

Every generated .docx — saksframlegg, innkalling with sakskart, protokoll, særutskrift, and the
reports other apps add — is built here from a docxtpl template: the kommune's uploaded template for
that kind and målform if there is one, else the default template built in code with python-docx.

Other apps add their own kinds from a module named ``documents.py`` in the app; the
``DocumentTemplatesConfig.ready()`` autodiscovers those modules. Example (``secretariat/followups/documents.py``)::

    from document_templates.builder import DocBuilder
    from document_templates.registry import DocumentKind, register
    from document_templates.context import kommune_context

    from .models import FollowUpReport

    LABELS = {"nb": {"title": "Oppfølgingsrapport", "status": "Status"},
              "nn": {"title": "Oppfølgingsrapport", "status": "Status"}}

    def build_context(report, *, public: bool, maalform: str) -> dict:
        rows = [{"case": f.case_title, "status": f.status_label} for f in report.rows(public=public)]
        return {"kommune": kommune_context(), "report": {"title": report.title, "rows": rows}}

    def sample_context(maalform: str) -> dict:
        return {"kommune": kommune_context(sample=True),
                "report": {"title": "Oppfølging våren 2026", "rows": [{"case": "Ny skole", "status": "Pågår"}]}}

    def default_template(maalform: str) -> bytes:
        t = LABELS[maalform]
        b = DocBuilder(title=t["title"])
        b.heading("{{ report.title }}", level=1)
        b.loop_table("row", "report.rows", [("Sak", "row.case"), (t["status"], "row.status")])
        return b.to_bytes()

    register(DocumentKind(name="oppfolgingsrapport", label="Oppfølgingsrapport", model=FollowUpReport,
                          build_context=build_context, default_template=default_template,
                          sample_context=sample_context))

Then ``render("oppfolgingsrapport", report)`` returns .docx bytes, ``generate(...)`` stores a
``GeneratedDocument`` and ``python manage.py render_document oppfolgingsrapport ID --out x.docx`` works.

Contexts are plain dicts of str/list/dict (plus ``docxtpl.Listing`` for multi-line text and
``document_templates.context.Image`` for pictures, which ``render`` turns into inline images).
Templates are rendered with autoescape and StrictUndefined: a template naming a field the context does
not have fails loudly — that is how uploaded templates are validated (see ``validation.py``).
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist

__all__ = [
    "DocumentKind", "DocumentError", "DocumentFrozen", "UnknownKind", "register", "get_kind", "all_kinds",
    "render", "generate", "resolve_maalform", "template_for", "context_digest", "get_object",
]


@dataclass(frozen=True)
class DocumentKind:
    name: str                                   # e.g. "saksframlegg", "oppfolgingsrapport" (the KIND of render_document)
    label: str                                  # "Saksframlegg"
    model: type                                 # model whose pk `render_document KIND ID` takes
    build_context: Callable[..., dict]          # build_context(obj, *, public: bool, maalform: str) -> dict
    default_template: Callable[[str], bytes]    # default_template(maalform) -> .docx bytes with docxtpl/Jinja tags
    sample_context: Callable[[str], dict]       # sample_context(maalform) -> dict, used to validate uploaded templates
    input_version: Callable[[object], str] = lambda obj: ""   # changes when the input changes ("" = hash of context)
    # Optional extras (defaults keep the kind simple):
    is_frozen: Callable[[object], bool] = field(default=lambda obj: False)   # True: never regenerate once stored
    filename: Callable[[object], str] | None = None                          # base file name without extension
    public_allowed: Callable[[object], bool] = field(default=lambda obj: True)  # may a public version exist now?


class DocumentError(Exception):
    """A document cannot be made; ``message`` is Norwegian and safe to show."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class UnknownKind(DocumentError):
    pass


class DocumentFrozen(DocumentError):
    pass


_KINDS: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> None:
    _KINDS[kind.name] = kind


def get_kind(name: str) -> DocumentKind:
    try:
        return _KINDS[name]
    except KeyError:
        known = ", ".join(sorted(_KINDS)) or "(ingen)"
        raise UnknownKind(f"Ukjent dokumenttype «{name}». Kjente typer: {known}.") from None


def all_kinds() -> list[DocumentKind]:
    return [ _KINDS[k] for k in sorted(_KINDS)]


def get_object(kind: DocumentKind | str, pk):
    kind = get_kind(kind) if isinstance(kind, str) else kind
    try:
        return kind.model._default_manager.get(pk=int(pk))
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise DocumentError(
            f"Fant ingen {kind.model._meta.verbose_name} med id {pk} (dokumenttype «{kind.name}»)."
        ) from None


def resolve_maalform(maalform: str | None = None) -> str:
    if maalform:
        if maalform not in ("nb", "nn"):
            raise DocumentError(f"Ukjent målform «{maalform}». Bruk nb (bokmål) eller nn (nynorsk).")
        return maalform
    from secretariat.organizations.models import Body

    body = Body.current()
    if body is not None and body.maalform:
        return body.maalform
    return getattr(settings, "SAKSGANG_MAALFORM", "nb") or "nb"


# -- templates -----------------------------------------------------------------------------------

_DEFAULT_CACHE: dict[tuple[str, str], bytes] = {}
DEFAULT_TEMPLATE_VERSION = "standard-1"


def default_template_bytes(kind: DocumentKind, maalform: str) -> bytes:
    key = (kind.name, maalform)
    if key not in _DEFAULT_CACHE:
        _DEFAULT_CACHE[key] = kind.default_template(maalform)
    return _DEFAULT_CACHE[key]


def template_for(kind: DocumentKind, maalform: str) -> tuple[bytes, str]:
    """(template bytes, template version): the kommune's active upload, else the default."""
    from .models import DocumentTemplate

    uploaded = DocumentTemplate.active_for(kind.name, maalform)
    if uploaded is not None:
        return bytes(uploaded.content), f"kommune-{uploaded.version}"
    return default_template_bytes(kind, maalform), DEFAULT_TEMPLATE_VERSION


def render_template(template: bytes, context: dict) -> bytes:
    """Render docxtpl template bytes with a context; errors propagate (jinja2 / docx errors)."""
    from docxtpl import DocxTemplate

    from .context import jinja_env, resolve_images

    tpl = DocxTemplate(io.BytesIO(template))
    tpl.render(resolve_images(tpl, context), jinja_env=jinja_env(), autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def render(kind_name: str, obj, *, public: bool = False, maalform: str | None = None) -> bytes:
    kind = get_kind(kind_name)
    maalform = resolve_maalform(maalform)
    context = kind.build_context(obj, public=public, maalform=maalform)
    template, _version = template_for(kind, maalform)
    return render_template(template, context)


def context_digest(context: dict) -> str:
    def default(value):
        return str(value)

    blob = json.dumps(context, sort_keys=True, default=default, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def input_version_of(kind: DocumentKind, obj, context: dict) -> str:
    return kind.input_version(obj) or context_digest(context)


def generate(kind_name: str, obj, *, actor=None, public: bool = False, maalform: str | None = None,
             force: bool = False):
    """Render and store a GeneratedDocument (checksum, template version, input version, time).

    Returns the stored document when one with the same input and template exists already. For frozen
    objects (approved minutes) a stored document is returned as it is; ``force=True`` is refused.
    """
    from django.db import transaction

    from .models import GeneratedDocument

    kind = get_kind(kind_name)
    maalform = resolve_maalform(maalform)
    frozen = kind.is_frozen(obj)
    if frozen and not force:
        # Two workers must not both make "the" approved minutes: lock the object row, look again.
        with transaction.atomic():
            kind.model._default_manager.select_for_update().filter(pk=obj.pk).first()
            latest = GeneratedDocument.latest_for(kind.name, obj.pk, public=public, maalform=maalform)
            if latest is not None:
                return latest
            return _render_and_store(kind, obj, actor=actor, public=public, maalform=maalform, frozen=True)
    latest = GeneratedDocument.latest_for(kind.name, obj.pk, public=public, maalform=maalform)
    if frozen and latest is not None:
        if force:
            raise DocumentFrozen(
                f"{kind.label} er godkjent og låst. Det lagrede dokumentet (laget {latest.created_at:%d.%m.%Y %H:%M}) "
                "lages ikke på nytt."
            )
        return latest
    return _render_and_store(kind, obj, actor=actor, public=public, maalform=maalform, frozen=frozen,
                             reuse=None if force else latest)


def _render_and_store(kind: DocumentKind, obj, *, actor, public: bool, maalform: str, frozen: bool, reuse=None):
    from django.db import transaction

    from .models import GeneratedDocument

    context = kind.build_context(obj, public=public, maalform=maalform)
    template, template_version = template_for(kind, maalform)
    input_version = input_version_of(kind, obj, context)
    if reuse is not None and reuse.input_version == input_version and reuse.template_version == template_version:
        return reuse
    content = render_template(template, context)
    name = (kind.filename(obj) if kind.filename else f"{kind.name}-{obj.pk}")
    if public:
        name += "-offentlig"
    with transaction.atomic():
        return GeneratedDocument.objects.create(
            kind=kind.name, object_id=obj.pk, public=public, maalform=maalform, content=content,
            checksum=hashlib.sha256(content).hexdigest(), size=len(content),
            template_version=template_version, input_version=input_version, frozen=frozen,
            filename=f"{name}.docx", created_by=actor if getattr(actor, "pk", None) else None,
        )


def current_document(kind_name: str, obj, *, public: bool = False, maalform: str | None = None):
    """The stored document that matches the object's input and template now, or None."""
    from .models import GeneratedDocument

    kind = get_kind(kind_name)
    maalform = resolve_maalform(maalform)
    latest = GeneratedDocument.latest_for(kind.name, obj.pk, public=public, maalform=maalform)
    if latest is None:
        return None
    if kind.is_frozen(obj):
        return latest
    context = kind.build_context(obj, public=public, maalform=maalform)
    _template, template_version = template_for(kind, maalform)
    if latest.input_version == input_version_of(kind, obj, context) and latest.template_version == template_version:
        return latest
    return None
