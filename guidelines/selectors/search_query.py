"""A search query, parsed by us into plain words and "quoted phrases" (never handed to a
database as syntax), and the stemming that the SQLite index and its queries share.

Stemming: the Snowball stemmers (``snowballstemmer``, the algorithms PostgreSQL's own
``english`` and ``french`` configurations use), so that both databases find "douanières" for
"douanier" and "containers" for "container".
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from django.utils.translation import gettext as _

MAX_QUERY = 200  # characters searched; a longer query is cut, with a message
MAX_TERMS = 12  # words and phrases
# Marks around a hit, put in by the databases and the Python highlighter, turned into <mark>
# after escaping (rendering/search.py). Private-use characters: removed from indexed text.
HIT_START, HIT_END = "\ue000", "\ue001"
_WORD = re.compile(r"[^\W_]+")
_PHRASE = re.compile(r'"([^"]*)"')
_LANGUAGES = {"en": "english", "fr": "french"}


@dataclass(frozen=True)
class ParsedQuery:
    words: tuple[str, ...]  # lower-case
    phrases: tuple[tuple[str, ...], ...]  # each a tuple of lower-case words
    message: str = ""  # why the query was changed or cannot be searched

    @property
    def empty(self) -> bool:
        return not self.words and not self.phrases

    def websearch(self) -> str:
        """The query as PostgreSQL's ``websearch_to_tsquery`` reads it, from our own words
        only: no operator the user typed reaches it."""
        parts = [f'"{" ".join(p)}"' for p in self.phrases]
        return " ".join([*parts, *self.words])

    def all_words(self) -> tuple[str, ...]:
        return self.words + tuple(w for p in self.phrases for w in p)


def clean_text(value: str) -> str:
    """Normalised text without control, format, surrogate or private-use characters (NUL, the
    hit marks, bidirectional controls), which neither database is given."""
    value = unicodedata.normalize("NFKC", value or "")
    return "".join(
        " " if unicodedata.category(ch) in {"Cc", "Cf", "Cs", "Co", "Cn"} else ch for ch in value
    )


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def parse_query(raw: str) -> ParsedQuery:
    text = clean_text(raw).strip()
    message = ""
    if len(text) > MAX_QUERY:
        text = text[:MAX_QUERY]
        message = _("Your search was long: only its first %(n)s characters were searched.") % {
            "n": MAX_QUERY
        }
    phrases = []
    for found in _PHRASE.findall(text):
        words = tuple(words_of(found))
        if len(words) > 1:
            phrases.append(words)
    rest = _PHRASE.sub(lambda m: " " if len(words_of(m.group(1))) > 1 else m.group(1), text)
    words, seen = [], set()
    for word in words_of(rest):
        if word not in seen:
            seen.add(word)
            words.append(word)
    terms = len(words) + len(phrases)
    if terms > MAX_TERMS:
        message = _("Only the first %(n)s words of your search were used.") % {"n": MAX_TERMS}
        phrases = phrases[:MAX_TERMS]
        words = words[: max(0, MAX_TERMS - len(phrases))]
    if not words and not phrases and (raw or "").strip():
        message = _("Your search has no words to look for: type letters or numbers.")
    return ParsedQuery(tuple(words), tuple(phrases), message)


@lru_cache(maxsize=4)
def _stemmer(language: str):
    return snowballstemmer.stemmer(_LANGUAGES.get(language, "english"))


def _bare(word: str) -> str:
    """Without diacritics, as FTS5's ``remove_diacritics`` tokenizer compares words."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=20_000)
def stem(word: str, language: str) -> str:
    """The stem of ``word`` in ``language``, lower-case and without diacritics."""
    return _bare(_stemmer(language).stemWord(word.lower()))


def stemmed_text(text: str, language: str) -> str:
    """What the SQLite index stores: the text's words, stemmed in its language."""
    return " ".join(stem(word, language) for word in words_of(text))


def _alternatives(words: tuple[str, ...]) -> str:
    forms = []
    for language in _LANGUAGES:
        form = '"' + " ".join(stem(w, language) for w in words) + '"'
        if form not in forms:
            forms.append(form)
    return forms[0] if len(forms) == 1 else "(" + " OR ".join(forms) + ")"


def fts5_match(parsed: ParsedQuery) -> str:
    """An FTS5 MATCH expression made of quoted stemmed words only (English or French stem),
    all required. Each word is letters and digits, so no quote, star, colon or keyword of
    FTS5's syntax can get through."""
    terms = [_alternatives((w,)) for w in parsed.words]
    terms += [_alternatives(p) for p in parsed.phrases]
    return " AND ".join(terms)
