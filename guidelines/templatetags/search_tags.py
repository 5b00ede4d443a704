from django import template
from django.utils.safestring import SafeString

from ..rendering.search import highlighted

register = template.Library()


@register.filter
def search_hit(text: str) -> SafeString:
    """A search result's title or snippet, escaped, with the hits in <mark>."""
    return highlighted(text)
