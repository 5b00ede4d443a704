"""The structured file of the SAFE Framework's text: YAML or Markdown, one block per standard.

YAML::

    standards:
      - pillar: 1
        standard: 6
        language: en            # optional, "en" by default
        title: Advance Electronic Information   # optional
        text: |
          The standard's own text.
        specifications:         # optional
          - {number: "6.1", title: Time limits, text: "…"}

Markdown::

    ## P1.S6 Advance Electronic Information {lang=fr}
    The standard's own text.
    ### TS 6.1 Time limits
    The specification's text.

``parse_framework`` returns typed frozen values, or raises ``FrameworkFileError`` with every
problem found, each with its line number: never a traceback. YAML is read as ``yaml.safe_load``
would, on the composed node tree (for the line numbers); anchors and aliases are refused.
"""

import re
from dataclasses import replace

from django.conf import settings
from django.utils.translation import gettext as _

from ..models import FrameworkText, Standard
from ..services.sections import clean_text
from .framework_markdown import parse_markdown
from .framework_types import (
    MAX_BYTES,
    FrameworkFileError,
    LineError,
    ParsedFramework,
    ParsedText,
)
from .framework_yaml import parse_yaml

__all__ = [
    "MAX_BYTES",
    "FrameworkFileError",
    "LineError",
    "ParsedFramework",
    "ParsedText",
    "parse_framework",
]


def parse_framework(
    data: bytes, *, filename: str = "", standards: set[tuple[int, int]] | None = None
) -> ParsedFramework:
    """Parse the file's bytes. ``standards``: the (pillar, number) pairs that exist and are not
    removed (by default read from the database)."""
    if not data.strip():
        raise FrameworkFileError([LineError(0, _("The file is empty: it holds no standard."))])
    if len(data) > MAX_BYTES:
        raise FrameworkFileError(
            [LineError(0, _("The file is over %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)})]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise FrameworkFileError(
            [LineError(line, _("the file is not UTF-8 text (save it as UTF-8)."))]
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kind = _format(text, filename)
    texts = parse_yaml(text) if kind == "yaml" else parse_markdown(text)
    texts = [_cleaned(t) for t in texts]  # as the service will store them
    if standards is None:
        standards = set(
            Standard.objects.filter(is_deleted=False).values_list("pillar__number", "number")
        )
    _check(texts, standards)
    return ParsedFramework(tuple(texts), kind)


def _format(text: str, filename: str) -> str:
    name = filename.lower()
    if name.endswith((".yaml", ".yml")):
        return "yaml"
    if name.endswith((".md", ".markdown", ".txt")):
        return "markdown"
    if re.search(r"^standards\s*:", text, re.MULTILINE):
        return "yaml"
    return "markdown" if re.search(r"^##\s", text, re.MULTILINE) else "yaml"


def _cleaned(t: ParsedText) -> ParsedText:
    return replace(
        t,
        spec=clean_text(t.spec).strip(),
        title=clean_text(t.title).strip(),
        body=clean_text(t.body).strip(),
    )


def _field_errors(t: ParsedText) -> list[LineError]:
    """What ``framework_text_save`` or the database would refuse, said here with the line."""
    errors = []
    spec_limit = FrameworkText._meta.get_field("spec").max_length
    if len(t.spec) > spec_limit:
        errors.append(
            LineError(
                t.line,
                _("the specification number “%(number)s…” is over %(limit)s characters.")
                % {"number": t.spec[:spec_limit], "limit": spec_limit},
            )
        )
    title_limit = FrameworkText._meta.get_field("title").max_length
    if len(t.title) > title_limit:
        errors.append(
            LineError(
                t.line,
                _("the title is %(length)s characters long; the limit is %(limit)s.")
                % {"length": len(t.title), "limit": title_limit},
            )
        )
    size, size_limit = len(t.body.encode("utf-8")), settings.SECTION_BODY_MAX_BYTES
    if not t.body:
        errors.append(LineError(t.line, _("%(code)s has no text.") % {"code": t.code}))
    elif size > size_limit:
        errors.append(
            LineError(
                t.line,
                _("the text is %(size)s KB; the limit is %(limit)s KB.")
                % {"size": size // 1024, "limit": size_limit // 1024},
            )
        )
    return errors


def _check(texts: list[ParsedText], standards: set[tuple[int, int]]) -> None:
    errors: list[LineError] = []
    seen: dict[tuple, int] = {}
    for t in texts:
        errors.extend(_field_errors(t))
        if (t.pillar, t.standard) not in standards:
            errors.append(
                LineError(
                    t.line,
                    _("there is no standard %(code)s in the Framework.")
                    % {"code": f"P{t.pillar}.S{t.standard}"},
                )
            )
        key = (t.pillar, t.standard, t.spec, t.language)
        if key in seen:
            errors.append(
                LineError(
                    t.line,
                    _("%(code)s (%(lang)s) is already given on line %(first)s.")
                    % {"code": t.code, "lang": t.language, "first": seen[key]},
                )
            )
        else:
            seen[key] = t.line
    if not texts and not errors:
        errors.append(LineError(0, _("The file holds no standard.")))
    if errors:
        raise FrameworkFileError(sorted(errors, key=lambda e: e.line))
