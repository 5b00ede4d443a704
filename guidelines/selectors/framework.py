"""Reads of the SAFE Framework's text: per standard in the reader's language, and a text's
history."""

from collections import defaultdict
from dataclasses import dataclass, field

from ..models import FrameworkText
from ..models.translations import Language


@dataclass(frozen=True)
class ShownText:
    text: FrameworkText
    fallback: bool  # True: the English text, shown because there is none in the reader's language


@dataclass
class StandardTexts:
    own: ShownText | None = None
    specs: list[ShownText] = field(default_factory=list)


def _pick(by_language: dict[str, FrameworkText], language: str) -> ShownText | None:
    if language in by_language:
        return ShownText(by_language[language], False)
    english = by_language.get(Language.ENGLISH.value)
    if english is not None:
        return ShownText(english, language != Language.ENGLISH.value)
    other = next(iter(by_language.values()), None)
    return ShownText(other, True) if other is not None else None


def framework_texts_by_standard(language: str) -> dict[int, StandardTexts]:
    """For each standard with live text: its own text and its specifications' (in spec order),
    each in ``language`` where there is one, else in English (``fallback``). One query."""
    grouped: dict[int, dict[str, dict[str, FrameworkText]]] = defaultdict(lambda: defaultdict(dict))
    for text in FrameworkText.objects.live().order_by("standard_id", "spec", "language"):
        grouped[text.standard_id][text.spec][text.language] = text
    out: dict[int, StandardTexts] = {}
    for standard_id, specs in grouped.items():
        entry = StandardTexts()
        for spec in sorted(specs, key=_spec_key):
            shown = _pick(specs[spec], language)
            if shown is None:
                continue
            if spec:
                entry.specs.append(shown)
            else:
                entry.own = shown
        out[standard_id] = entry
    return out


def _spec_key(spec: str) -> tuple:
    """ "6.2" before "6.10"."""
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in spec.split("."))


def framework_text_get(pk: int) -> FrameworkText | None:
    return FrameworkText.objects.select_related("standard__pillar").filter(pk=pk).first()


def framework_text_history(text: FrameworkText) -> list:
    """Every version of the text, newest first, with who made it."""
    return list(text.history.select_related("history_user").order_by("-history_id"))
