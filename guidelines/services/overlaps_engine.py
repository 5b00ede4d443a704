"""The duplication finder's computation: pure functions, no database.

Texts are cut into passages (paragraphs; a long paragraph into overlapping windows of
sentences), each passage normalised (lower case, accents folded, Snowball stems in the text's
language, stop words dropped), vectorised with scikit-learn's ``TfidfVectorizer`` (word 1- and
2-grams over the stems, sublinear tf) fitted on all the passages of one language, and compared
by cosine similarity (the rows are L2-normalised, so one sparse matrix product gives every
pair's cosine).

**Why TF-IDF and cosine rather than MinHash/LSH.** The corpus is small (a few hundred sections
and the Framework's text: a few thousand passages), so the exact sparse product takes
milliseconds; MinHash only estimates the Jaccard similarity and LSH buckets pay off at millions
of documents. TF-IDF gives exact, deterministic scores (the same text always gives the same
percentage, which matters when a group argues over a number), weights rare words (``UCR``,
``seal``) above common ones, and works per passage, so the page can show *which* passages
overlap side by side, not just that two texts do.

**The score of a section against another text** is the mean, weighted by each passage's
number of stems, of each of the section's passages' best cosine among the other text's
passages: "how much of this section is said there". A section copied into a standard's text
with light edits and its paragraphs or sentences reordered still finds, for each of its
passages, its counterpart (reordering changes neither the unigrams nor most bigrams), so it
scores high (> 0.6); unrelated texts share only scattered words and score low (< 0.2). The
maximum would let one shared sentence make a long section "a duplicate"; the mean over both
texts would punish a section for being copied into a longer standard. The score is directed:
section A's score against B says how much of A is in B (B's row against A says the reverse).

Only the ``MAX_PER_TEXT`` best overlaps of a text are kept (a reader looks at the first few; a
corpus of near-identical texts would otherwise store every pair). A one-section recompute adds
the other texts' rows against that section whatever their rank, so a text may briefly hold a
few more until the next whole recompute.
"""

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from ..rendering.anchoring import plain_text
from ..rendering.markdown import render_markdown
from ..rendering.xrefs import XrefResolver, XrefTarget, resolve_xrefs, xref_keys
from ..selectors.search_query import clean_text, stem, words_of

STORE_FLOOR = 0.15  # pairs scoring less are not stored
PASSAGE_FLOOR = 0.2  # passage pairs shown side by side score at least this
MAX_PASSAGES = 8  # passage pairs kept per overlap
MAX_PER_TEXT = 25  # overlaps kept per probing text and language, the best ones
LONG_PARAGRAPH = 80  # words: a longer paragraph is cut into sentence windows
WINDOW, STRIDE = 3, 2  # sentences per window, and the step between windows

FRENCH_STOP_WORDS = frozenset(
    "a à au aux avec ce ces cette d dans de des du elle en est et être il ils l la le les leur "
    "leurs lui mais ne ni nous on ont ou où par pas pour qu que qui sa se ses si son sont sur "
    "ta te tes toi ton tu un une vos votre vous y c s n m j été sera seront doit doivent peut "
    "peuvent afin ainsi tout tous toute toutes".split()
)
_STOP = {"en": ENGLISH_STOP_WORDS, "fr": FRENCH_STOP_WORDS}
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|tr|blockquote|pre)>|<br\s*/?>", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+")


def _fold(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))


@lru_cache(maxsize=8192)
def _html(markdown: str) -> str:
    return str(render_markdown(markdown or ""))


@lru_cache(maxsize=8192)
def _blocks(html: str) -> tuple[str, ...]:
    blocks = (plain_text(clean_text(chunk)) for chunk in _BLOCK_END.split(html))
    return tuple(b for b in blocks if words_of(b))


def markdown_paragraphs(
    markdown: str, headings: Mapping[str, str] | None = None
) -> tuple[str, ...]:
    """The plain text of each block (paragraph, list item, heading, table row) of Markdown, as
    the reader sees it: with ``headings`` (heading by section key), a ``[[key]]`` reference
    reads as the heading it names (an unknown key as the key; no number, which changes with
    every insertion before it), as in ``services.search_index.markdown_text``."""
    html = _html(markdown)
    if headings is not None and 'class="xref"' in html:
        targets = {key: XrefTarget("", headings.get(key, key), "#") for key in xref_keys(html)}
        html = str(resolve_xrefs(html, XrefResolver(targets)))
    return _blocks(html)


def split_passages(paragraphs: Iterable[str]) -> list[str]:
    """Paragraphs as passages; a paragraph of more than ``LONG_PARAGRAPH`` words becomes
    overlapping windows of ``WINDOW`` sentences."""
    passages = []
    for paragraph in paragraphs:
        if len(paragraph.split()) <= LONG_PARAGRAPH:
            passages.append(paragraph)
            continue
        sentences = [s for s in _SENTENCE.split(paragraph) if s.strip()]
        for start in range(0, max(1, len(sentences) - WINDOW + STRIDE), STRIDE):
            passages.append(" ".join(sentences[start : start + WINDOW]))
    return passages


@lru_cache(maxsize=32768)
def _stemmed(text: str, language: str) -> str:
    return " ".join(stems(text, language))


def stems(text: str, language: str) -> list[str]:
    """The passage's words as the finder compares them: stems, accents folded, no stop words."""
    stop = _STOP.get(language, ENGLISH_STOP_WORDS)
    return [
        stem(word, language)
        for word in words_of(text)
        if word not in stop and _fold(word) not in stop and not word.isdigit()
    ]


@dataclass
class Text:
    """One text to compare: ``owner`` says whose it is (e.g. ``("section", 12)``),
    ``probe`` whether its scores against the others are wanted (sections: yes; Framework
    texts are only compared against)."""

    owner: tuple
    language: str
    passages: list[str]
    probe: bool = True


@dataclass(frozen=True)
class PassagePair:
    mine: str
    theirs: str
    score: float


@dataclass(frozen=True)
class Found:
    owner: tuple  # the probing text
    other: tuple  # what it overlaps
    language: str
    score: float
    passages: tuple[PassagePair, ...]


def text_of(
    owner: tuple,
    language: str,
    markdown: str,
    *,
    probe: bool = True,
    headings: Mapping[str, str] | None = None,
) -> Text | None:
    """A ``Text`` from Markdown, or None when it has no words to compare. ``headings``: the
    document's headings by key, to read its cross-references as the reader does."""
    passages = split_passages(markdown_paragraphs(markdown, headings))
    return Text(owner, language, passages, probe) if passages else None


def compare(
    texts: list[Text], *, only: set[tuple] | None = None, floor: float = STORE_FLOOR
) -> list[Found]:
    """Every probing text against every other text of its language, scores ≥ ``floor``.
    With ``only``: just the pairs that involve one of those owners (either side)."""
    found: list[Found] = []
    by_language: dict[str, list[Text]] = {}
    for text in texts:
        by_language.setdefault(text.language, []).append(text)
    for language, group in sorted(by_language.items()):
        found += _compare_language(group, language, only, floor)
    found.sort(key=lambda f: (str(f.owner), -f.score))
    return found


def _compare_language(texts, language, only, floor) -> list[Found]:
    docs, owner_of, weight = [], [], []
    for index, text in enumerate(texts):
        for passage in text.passages:
            words = _stemmed(passage, language)
            docs.append(words)
            owner_of.append(index)
            weight.append(max(1, words.count(" ") + 1))
    if not any(docs):
        return []
    vectorizer = TfidfVectorizer(
        ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"\S+", lowercase=False
    )
    try:
        matrix = vectorizer.fit_transform(docs)
    except ValueError:  # no word at all after stop words
        return []
    weight = np.asarray(weight, dtype=float)
    starts = np.searchsorted(np.asarray(owner_of), np.arange(len(texts)))  # grouped by text
    ends = np.append(starts[1:], len(docs))
    bounds = (starts, ends)
    targets = [i for i, t in enumerate(texts) if only is None or t.owner in only]
    if not targets:
        return []
    found = []
    # The targets' rows: each target against every text (4 ms for a whole document).
    for i in targets:
        if not texts[i].probe:
            continue
        block = (matrix[starts[i] : ends[i]] @ matrix.T).toarray()
        w = weight[starts[i] : ends[i]]
        scores = np.clip(w @ np.maximum.reduceat(block, starts, axis=1) / w.sum(), 0.0, 1.0)
        scores[i] = 0.0
        kept = np.flatnonzero(scores >= floor)
        kept = kept[np.argsort(-scores[kept], kind="stable")][:MAX_PER_TEXT]
        for j in kept:
            found.append(_found(texts, i, int(j), block, float(scores[j]), language, bounds))
    if only is None:
        return found
    # The other probes' rows against the targets (the other direction of each pair).
    totals = np.add.reduceat(weight, starts)
    for j in targets:
        block = (matrix @ matrix[starts[j] : ends[j]].T).toarray()  # (all passages × j's)
        scores = np.add.reduceat(block.max(axis=1) * weight, starts) / totals
        for i in np.flatnonzero(np.clip(scores, 0.0, 1.0) >= floor):
            if i == j or i in targets or not texts[i].probe:
                continue
            mine = block[starts[i] : ends[i]]
            full = np.zeros((len(mine), len(docs)))
            full[:, starts[j] : ends[j]] = mine
            found.append(_found(texts, int(i), j, full, float(scores[i]), language, bounds))
    return found


def _found(texts, i, j, block, score, language, bounds) -> Found:
    starts, ends = bounds
    sub = block[:, starts[j] : ends[j]]
    best = sub.max(axis=1)
    order = np.argsort(-best, kind="stable")
    pairs = tuple(
        PassagePair(
            texts[i].passages[k], texts[j].passages[int(sub[k].argmax())], round(float(best[k]), 4)
        )
        for k in order[:MAX_PASSAGES]
        if best[k] >= PASSAGE_FLOOR
    )
    return Found(texts[i].owner, texts[j].owner, language, round(min(score, 1.0), 4), pairs)


def shared_stems(mine: str, theirs: str, language: str) -> set[str]:
    """The stems two passages share (for highlighting the words they have in common)."""
    return set(stems(mine, language)) & set(stems(theirs, language))
