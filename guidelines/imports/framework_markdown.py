"""The Markdown form of the SAFE Framework text file: ``## P1.S6 Title {lang=fr}`` starts a
standard's block, ``### TS 6.1 Title`` one of its technical specifications."""

import re

from django.utils.translation import gettext as _

from ..models.translations import Language
from .framework_types import LANGUAGES, FrameworkFileError, LineError, ParsedText

_STANDARD_HEADING = re.compile(
    r"^##\s+P(?P<pillar>\d+)\.S(?P<standard>\d+)(?:\s+(?P<title>.*?))?"
    r"\s*(?:\{lang=(?P<lang>[^}]*)\})?\s*$"
)
_SPEC_HEADING = re.compile(
    r"^###\s+TS\s+(?P<number>[0-9A-Za-z][0-9A-Za-z.\-]*)(?:\s+(?P<title>.*?))?\s*$"
)


def parse_markdown(text: str) -> list[ParsedText]:
    errors: list[LineError] = []
    texts: list[ParsedText] = []
    current: dict | None = None  # the block being read
    standard: tuple[int, int, str] | None = None

    headings: list[tuple[int, tuple]] = []

    def close() -> None:
        if current is not None:
            body = "\n".join(current["lines"]).strip()
            if not body and not current["spec"]:
                return  # a heading without text of its own: only its specifications count
            texts.append(
                ParsedText(
                    current["pillar"],
                    current["standard"],
                    current["spec"],
                    current["language"],
                    current["title"],
                    body,
                    current["line"],
                )
            )

    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith("## ") or line == "##":
            close()
            current = None
            match = _STANDARD_HEADING.match(line)
            if not match:
                standard = None
                errors.append(
                    LineError(
                        number,
                        _("“%(line)s” is not a standard's heading such as “## P1.S6 Title”.")
                        % {"line": line[:60]},
                    )
                )
                continue
            language = (
                match["lang"].strip() if match["lang"] is not None else Language.ENGLISH.value
            )
            if language not in LANGUAGES:
                errors.append(
                    LineError(
                        number,
                        _("unknown language “%(lang)s” (expected one of: %(allowed)s).")
                        % {"lang": language, "allowed": ", ".join(sorted(LANGUAGES))},
                    )
                )
            standard = (int(match["pillar"]), int(match["standard"]), language)
            headings.append((number, standard))
            current = {
                "pillar": standard[0],
                "standard": standard[1],
                "spec": "",
                "language": language,
                "title": (match["title"] or "").strip(),
                "lines": [],
                "line": number,
            }
        elif line.startswith("### ") or line == "###":
            close()
            current = None
            match = _SPEC_HEADING.match(line)
            if standard is None:
                errors.append(
                    LineError(
                        number,
                        _("a specification must come after its standard's “## P1.S6 …” heading."),
                    )
                )
            elif not match:
                errors.append(
                    LineError(
                        number,
                        _("“%(line)s” is not a specification's heading such as “### TS 6.1 Title”.")
                        % {"line": line[:60]},
                    )
                )
            else:
                current = {
                    "pillar": standard[0],
                    "standard": standard[1],
                    "spec": match["number"],
                    "language": standard[2],
                    "title": (match["title"] or "").strip(),
                    "lines": [],
                    "line": number,
                }
        elif current is not None:
            current["lines"].append(line)
        elif line.strip() and standard is None and not errors:
            errors.append(
                LineError(
                    number,
                    _(
                        "text before the first standard: a block starts "
                        "with a heading such as “## P1.S6 Title”."
                    ),
                )
            )
    close()
    given = {(t.pillar, t.standard, t.language) for t in texts}
    for number, key in headings:
        if key not in given:
            errors.append(LineError(number, _("the standard has neither text nor specifications.")))
    if errors:
        raise FrameworkFileError(sorted(errors, key=lambda e: e.line))
    return texts
