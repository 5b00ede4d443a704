from django import template
from django.utils.safestring import SafeString

from ..rendering.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str, id_prefix: str = "") -> SafeString:
    """Safe HTML from Markdown (sanitised by nh3 in guidelines.rendering.markdown)."""
    return render_markdown(text, id_prefix=id_prefix)


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key)


@register.simple_tag
def outline(tree, current_key=None) -> SafeString:
    """The document outline; links lead to the section pages."""
    from django.urls import reverse

    from ..rendering.outline import render_outline

    base = reverse("guidelines:section_detail", kwargs={"slug": tree.document.slug, "key": "KEY"})
    return render_outline(
        tree.nodes, url_for=lambda key: base.replace("/KEY/", f"/{key}/"), current_key=current_key
    )
