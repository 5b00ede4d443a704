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
from collections.abc import Iterable
from dataclasses import dataclass, field

import yaml
from django.utils.translation import gettext as _

from ..models import Standard
from ..models.translations import Language

MAX_BYTES = 2 * 1024 * 1024
LANGUAGES = {value for value, _label in Language.choices}
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_STANDARD_KEYS = {"pillar", "standard", "language", "title", "text", "specifications"}
_SPEC_KEYS = {"number", "title", "text"}
_SPEC_NUMBER = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.\-]{0,19}$")


@dataclass(frozen=True)
class ParsedText:
    """One text of the file: a standard's own text (``spec`` empty) or a specification's."""

    pillar: int
    standard: int
    spec: str
    language: str
    title: str
    body: str
    line: int = field(default=0, compare=False)

    @property
    def code(self) -> str:
        return f"P{self.pillar}.S{self.standard}" + (f" TS {self.spec}" if self.spec else "")


@dataclass(frozen=True)
class ParsedFramework:
    texts: tuple[ParsedText, ...]
    format: str  # "yaml" or "markdown"


@dataclass(frozen=True)
class LineError:
    line: int  # 0: the file as a whole
    message: str

    def __str__(self) -> str:
        if not self.line:
            return self.message
        return _("Line %(line)s: %(message)s") % {"line": self.line, "message": self.message}


class FrameworkFileError(Exception):
    def __init__(self, errors: list[LineError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors

    @property
    def messages(self) -> list[str]:
        return [str(e) for e in self.errors]


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
    texts = _parse_yaml(text) if kind == "yaml" else _parse_markdown(text)
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


def _check(texts: list[ParsedText], standards: set[tuple[int, int]]) -> None:
    errors: list[LineError] = []
    seen: dict[tuple, int] = {}
    for t in texts:
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
        raise FrameworkFileError(errors)


# YAML -------------------------------------------------------------------------------------


def _line(node) -> int:
    return node.start_mark.line + 1


def _parse_yaml(text: str) -> list[ParsedText]:
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
                raise FrameworkFileError(
                    [
                        LineError(
                            token.start_mark.line + 1,
                            _("anchors and aliases (& and *) are not allowed."),
                        )
                    ]
                )
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        problem = error.problem or error.context or "?"
        raise FrameworkFileError(
            [LineError(line, _("this is not valid YAML (%(problem)s).") % {"problem": problem})]
        ) from None
    except yaml.YAMLError as error:
        raise FrameworkFileError(
            [LineError(0, _("This is not valid YAML (%(problem)s).") % {"problem": error})]
        ) from None
    if root is None:
        raise FrameworkFileError([LineError(0, _("The file is empty: it holds no standard."))])
    errors: list[LineError] = []
    texts: list[ParsedText] = []
    top = _mapping(
        root, {"standards"}, errors, _("the file must be a mapping with the key “standards”.")
    )
    if top is None or "standards" not in top:
        if not errors:
            errors.append(LineError(_line(root), _("the key “standards” is missing.")))
        raise FrameworkFileError(errors)
    items = top["standards"][1]
    if not isinstance(items, yaml.SequenceNode):
        raise FrameworkFileError([LineError(_line(items), _("“standards” must be a list."))])
    for item in items.value:
        texts.extend(_yaml_standard(item, errors))
    if errors:
        raise FrameworkFileError(errors)
    return texts


def _mapping(node, allowed: set[str], errors: list[LineError], message: str) -> dict | None:
    """A mapping node's entries as {key: (key_node, value_node)}; unknown keys are errors."""
    if not isinstance(node, yaml.MappingNode):
        errors.append(LineError(_line(node), message))
        return None
    out: dict = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key not in allowed:
            errors.append(
                LineError(
                    _line(key_node),
                    _("unknown key “%(key)s” (expected one of: %(allowed)s).")
                    % {"key": key, "allowed": ", ".join(sorted(allowed))},
                )
            )
        elif key in out:
            errors.append(
                LineError(_line(key_node), _("the key “%(key)s” is given twice.") % {"key": key})
            )
        else:
            out[key] = (key_node, value_node)
    return out


def _int(entry, name: str, errors: list[LineError]) -> int | None:
    node = entry[1]
    if isinstance(node, yaml.ScalarNode) and node.tag == _INT:
        try:
            return int(node.value)
        except ValueError:
            pass
    errors.append(LineError(_line(node), _("“%(key)s” must be a whole number.") % {"key": name}))
    return None


def _str(entry, name: str, errors: list[LineError], *, allow_number: bool = False) -> str:
    if entry is None:
        return ""
    node = entry[1]
    allowed = {_STR, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"} if allow_number else {_STR}
    if isinstance(node, yaml.ScalarNode) and node.tag in allowed:
        return node.value
    errors.append(LineError(_line(node), _("“%(key)s” must be text.") % {"key": name}))
    return ""


def _yaml_standard(node, errors: list[LineError]) -> Iterable[ParsedText]:
    entries = _mapping(
        node,
        _STANDARD_KEYS,
        errors,
        _("each standard must be a mapping (pillar, standard, text, …)."),
    )
    if entries is None:
        return []
    line = _line(node)
    missing = [k for k in ("pillar", "standard") if k not in entries]
    for key in missing:
        errors.append(LineError(line, _("“%(key)s” is missing.") % {"key": key}))
    if missing:
        return []
    pillar = _int(entries["pillar"], "pillar", errors)
    number = _int(entries["standard"], "standard", errors)
    language = _str(entries.get("language"), "language", errors) or Language.ENGLISH.value
    if language not in LANGUAGES:
        errors.append(
            LineError(
                _line(entries["language"][1]),
                _("unknown language “%(lang)s” (expected one of: %(allowed)s).")
                % {"lang": language, "allowed": ", ".join(sorted(LANGUAGES))},
            )
        )
    if pillar is None or number is None:
        return []
    texts = []
    body = _str(entries.get("text"), "text", errors).strip()
    title = _str(entries.get("title"), "title", errors).strip()
    if body:  # the standard's own text; a title alone only names the block
        texts.append(ParsedText(pillar, number, "", language, title, body, line))
    specs = entries.get("specifications")
    if specs is not None:
        if not isinstance(specs[1], yaml.SequenceNode):
            errors.append(LineError(_line(specs[1]), _("“specifications” must be a list.")))
            return texts
        for spec_node in specs[1].value:
            spec = _mapping(
                spec_node,
                _SPEC_KEYS,
                errors,
                _("each specification must be a mapping (number, title, text)."),
            )
            if spec is None:
                continue
            if "number" not in spec:
                errors.append(LineError(_line(spec_node), _("“number” is missing.")))
                continue
            spec_number = _str(spec["number"], "number", errors, allow_number=True).strip()
            if not _SPEC_NUMBER.match(spec_number):
                errors.append(
                    LineError(
                        _line(spec["number"][1]),
                        _("“%(number)s” is not a specification number such as 6.1.")
                        % {"number": spec_number},
                    )
                )
                continue
            texts.append(
                ParsedText(
                    pillar,
                    number,
                    spec_number,
                    language,
                    _str(spec.get("title"), "title", errors).strip(),
                    _str(spec.get("text"), "text", errors).strip(),
                    _line(spec_node),
                )
            )
    if not texts:
        errors.append(LineError(line, _("the standard has neither text nor specifications.")))
    return texts


# Markdown ---------------------------------------------------------------------------------

_STANDARD_HEADING = re.compile(
    r"^##\s+P(?P<pillar>\d+)\.S(?P<standard>\d+)(?:\s+(?P<title>.*?))?"
    r"\s*(?:\{lang=(?P<lang>[^}]*)\})?\s*$"
)
_SPEC_HEADING = re.compile(
    r"^###\s+TS\s+(?P<number>[0-9A-Za-z][0-9A-Za-z.\-]*)(?:\s+(?P<title>.*?))?\s*$"
)


def _parse_markdown(text: str) -> list[ParsedText]:
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
