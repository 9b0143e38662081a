from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from secretariat.innsyn.selectors import HL_START, HL_STOP

register = template.Library()


@register.filter
def highlight(text: str) -> str:
    """Search headlines: the text is escaped, then the match markers become <mark>."""
    return mark_safe(escape(text or "").replace(HL_START, "<mark>").replace(HL_STOP, "</mark>"))
