"""The YAML form of the SAFE Framework text file, read on the composed node tree (line numbers)
with ``yaml.safe_load``'s semantics; anchors and aliases are refused before composing."""

from collections.abc import Iterable

import yaml
from django.utils.translation import gettext as _

from ..models.translations import Language
from .framework_types import LANGUAGES, SPEC_NUMBER, FrameworkFileError, LineError, ParsedText

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_STANDARD_KEYS = {"pillar", "standard", "language", "title", "text", "specifications"}
_SPEC_KEYS = {"number", "title", "text"}


def _line(node) -> int:
    return node.start_mark.line + 1


def parse_yaml(text: str) -> list[ParsedText]:
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
            if not SPEC_NUMBER.match(spec_number):
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
