"""{% load document_links %}{% document_links "saksframlegg" case %}: .docx/PDF download links for a staff page."""

from django import template

from document_templates import registry
from document_templates.views import download_links, journalpost_number

register = template.Library()


@register.inclusion_tag("document_templates/_download_links.html", takes_context=True)
def document_links(context, kind: str, obj, title: str = ""):
    request = context.get("request")
    user = getattr(request, "user", None)
    try:
        label = registry.get_kind(kind).label
    except registry.UnknownKind:
        return {"document_links": []}
    links = download_links(user, kind, obj) if user is not None and obj is not None else []
    return {"document_links": links, "document_kind": kind, "document_title": title or label,
            "journalpost": journalpost_number(kind, obj) if links else ""}


@register.simple_tag
def exemption_choices():
    """The legal bases an attachment may be exempted under (offl. § 14 is not for case papers)."""
    from secretariat.cases.exemptions import FORBIDDEN_FOR_POLITICAL_CASES, ExemptionBasis

    return [(value, label) for value, label in ExemptionBasis.choices if value not in FORBIDDEN_FOR_POLITICAL_CASES]
