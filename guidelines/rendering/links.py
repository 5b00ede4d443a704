"""Links to sections, built once per page instead of one `reverse()` per section."""

from collections.abc import Callable

from django.urls import reverse

_PLACEHOLDER = "section-key-placeholder"


def section_url_builder(slug: str) -> Callable[[str], str]:
    """``url_for(key)`` for the sections of document ``slug`` (keys are slugs: safe in a path)."""
    base = reverse("guidelines:section_detail", kwargs={"slug": slug, "key": _PLACEHOLDER})
    head, tail = base.split(_PLACEHOLDER)
    return lambda key: f"{head}{key}{tail}"
