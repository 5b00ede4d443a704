"""Template filters of the duplication finder (the coverage matrix's overlap shading)."""

from django import template

from ..rendering.overlaps import shade

register = template.Library()


@register.filter
def overlap_shade(score: float | None) -> str:
    return shade(score)


@register.filter
def overlap_percent(score: float | None) -> int:
    return round((score or 0) * 100)
