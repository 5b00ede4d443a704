"""Values written into CSS (print headers and footers of the PDF)."""

import re

from django.utils.safestring import SafeString, mark_safe

_UNSAFE = re.compile(r"[^\w .,:;()\-–/#'’]")


def css_string(value) -> SafeString:
    """A quoted CSS string: letters, digits, spaces and common punctuation kept as they are,
    every other character escaped (so no quote, backslash or brace can end the string)."""
    escaped = _UNSAFE.sub(lambda m: f"\\{ord(m[0]):x} ", str(value))
    return mark_safe(f'"{escaped}"')  # noqa: S308  (escaped above)
