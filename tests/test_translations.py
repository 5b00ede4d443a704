"""The French catalogue, locale/fr/LC_MESSAGES/django.po, is the source of the French interface.

These tests fail when a string of the code or templates has no French translation, when an entry
is fuzzy, when a translation drops or changes a placeholder, and when the compiled django.mo does
not hold what the .po says (someone edited the .po and forgot `make messages`). The strings are
extracted by Django's own makemessages, run on a temporary copy of the sources so that the
repository's files are never touched. Each check is also run on a deliberately broken catalogue,
so that it is seen to fail.
"""

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PO_PATH = ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")
# The same as the Makefile's `messages` target.
IGNORED = [".venv/*", "tests/*", "bench/*", "load/*", "node_modules/*"]
NOT_COPIED = {".git", ".venv", "node_modules", "tests", "bench", "load", "locale", "var"}
NOT_COPIED |= {"staticfiles", ".pytest_cache", ".ruff_cache", "__pycache__"}

Key = tuple[str | None, str, str]  # (context, msgid, msgid_plural)

PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sdifr]|\{[A-Za-z_]\w*\}")


def key(entry: polib._BaseEntry) -> Key:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def label(k: Key) -> str:
    context, msgid, plural = k
    text = repr(msgid) + (f" / {plural!r}" if plural else "")
    return f"[{context}] {text}" if context else text


def placeholders(text: str) -> Counter:
    return Counter(PLACEHOLDER.findall(text.replace("%%", "")))


def translations(entry: polib._BaseEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def is_translated(entry: polib._BaseEntry) -> bool:
    """Not obsolete, not fuzzy, and every form translated (a plural has two in French)."""
    return not entry.obsolete and "fuzzy" not in entry.flags and all(translations(entry))


# --- the checks (each returns what is wrong, as readable lines) ----------------------------------


def missing_translations(extracted: polib.POFile, po: polib.POFile) -> list[str]:
    translated = {key(e) for e in po if is_translated(e)}
    return sorted(label(key(e)) for e in extracted if key(e) not in translated)


def fuzzy_entries(po: polib.POFile) -> list[str]:
    found = [label(key(e)) for e in po if "fuzzy" in e.flags and not e.obsolete]
    return (['the header (msgid "")'] if po.metadata_is_fuzzy else []) + found


def placeholder_problems(po: polib.POFile) -> list[str]:
    problems = []
    for entry in po:
        if entry.obsolete:
            continue
        wanted = placeholders(entry.msgid)
        if entry.msgid_plural:
            wanted = placeholders(entry.msgid_plural) | wanted
        for text in translations(entry):
            if text and placeholders(text) != wanted:
                problems.append(f"{label(key(entry))}: {sorted(wanted)} ≠ {text!r}")
    return problems


def catalogue(entries) -> dict[Key, tuple[str, ...]]:
    return {key(e): tuple(translations(e)) for e in entries if e.msgid}


def mo_differences(po: polib.POFile, mo: polib.MOFile) -> list[str]:
    """What the .mo holds differs from the .po's translated entries (msgfmt leaves out the
    fuzzy and untranslated ones)."""
    want = catalogue(e for e in po if is_translated(e))
    have = catalogue(mo)
    lines = [f"not in django.mo: {label(k)}" for k in sorted(want.keys() - have.keys(), key=str)]
    lines += [f"only in django.mo: {label(k)}" for k in sorted(have.keys() - want.keys(), key=str)]
    lines += [
        f"different in django.mo: {label(k)}: {have[k]!r} ≠ {want[k]!r}"
        for k in sorted(want.keys() & have.keys(), key=str)
        if want[k] != have[k]
    ]
    if mo.metadata.get("Plural-Forms") != po.metadata.get("Plural-Forms"):
        lines.append("the Plural-Forms header differs")
    return lines


# --- fixtures -------------------------------------------------------------------------------------


def _need(tool: str) -> None:
    if shutil.which(tool) is None:
        message = f"{tool} not found: apt-get install gettext"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def extract(copy: Path, extra: dict[str, str] | None = None) -> polib.POFile:
    """Every string of the code and templates, as Django's makemessages finds them, run on a copy
    of the sources in ``copy`` with an empty locale directory (so the repository is not written
    to). ``extra`` adds files to the copy (path: text)."""
    _need("xgettext")
    for item in ROOT.iterdir():
        if item.name in NOT_COPIED:
            continue
        if item.is_dir():
            shutil.copytree(item, copy / item.name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(item, copy / item.name)
    for path, text in (extra or {}).items():
        (copy / path).write_text(text, encoding="utf-8")
    (copy / "locale").mkdir()
    ignores = [arg for pattern in IGNORED for arg in ("--ignore", pattern)]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "iscm_tracker.settings"}
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--verbosity", "0", *ignores],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    extracted = polib.pofile(str(copy / "locale" / "fr" / "LC_MESSAGES" / "django.po"))
    assert len(extracted) > 500, "makemessages found too few strings: is the copy complete?"
    return extracted


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> polib.POFile:
    return extract(tmp_path_factory.mktemp("sources"))


@pytest.fixture
def po() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


# --- the tests on the repository's catalogue ---------------------------------------------------


def test_every_string_has_a_french_translation(extracted, po):
    missing = missing_translations(extracted, po)
    assert not missing, (
        f"{len(missing)} strings have no (non-fuzzy) French translation in {PO_PATH.name}: run "
        "`make messages`, translate them with a PO editor, run `make messages` again:\n  "
        + "\n  ".join(missing)
    )


def test_no_entry_is_fuzzy(po):
    fuzzy = fuzzy_entries(po)
    assert not fuzzy, "Fuzzy entries (check the translation, then clear the flag):\n  " + (
        "\n  ".join(fuzzy)
    )


def test_translations_keep_every_placeholder(po):
    problems = placeholder_problems(po)
    assert not problems, "Translations that drop or change a placeholder:\n  " + (
        "\n  ".join(problems)
    )


def test_the_compiled_catalogue_matches_the_po(po):
    differences = mo_differences(po, polib.mofile(str(MO_PATH)))
    assert not differences, (
        "django.mo does not match django.po: run `make messages` and commit both:\n  "
        + "\n  ".join(differences[:40])
    )


def test_the_french_plural_rule():
    assert polib.pofile(str(PO_PATH)).metadata["Plural-Forms"] == "nplurals=2; plural=(n > 1);"


def test_contexts_translate_a_word_differently():
    """One English word, two French ones: the contexts reach the running app."""
    from django.utils import translation

    with translation.override("fr"):
        assert translation.pgettext("comment thread", "open") == "ouvert"
        assert translation.pgettext("proposal", "open") == "ouverte"
        assert translation.pgettext("a button: open the page", "Open") == "Ouvrir"
        assert translation.pgettext("noun", "Reply") == "Réponse"
        assert translation.pgettext("verb", "Reply") == "Répondre"


# --- each check fails on a broken catalogue -----------------------------------------------------


def _broken_copy(po: polib.POFile, tmp_path: Path) -> polib.POFile:
    path = tmp_path / "django.po"
    po.save(str(path))
    return polib.pofile(str(path))


def test_a_missing_translation_is_reported(extracted, po, tmp_path):
    broken = _broken_copy(po, tmp_path)
    used = {key(e) for e in extracted}
    plain = next(e for e in broken if key(e) in used and not e.msgid_plural and not e.msgctxt)
    plain.msgstr = ""
    contextual = next(e for e in broken if key(e) in used and e.msgctxt)
    broken.remove(contextual)
    plural = next(e for e in broken if key(e) in used and e.msgid_plural)
    plural.msgstr_plural[1] = ""
    assert missing_translations(extracted, broken) == sorted(
        [label(key(plain)), label(key(contextual)), label(key(plural))]
    )


def test_a_new_string_in_a_template_or_in_python_is_reported(po, tmp_path):
    """A string added to the code, with or without a context, is found and has no French."""
    extra = {
        "templates/guidelines/_probe.html": (
            '{% load i18n %}{% translate "Probe word" context "probe" %}'
            "{% blocktranslate %}Probe sentence{% endblocktranslate %}"
        ),
        "guidelines/probe.py": (
            "from django.utils.translation import gettext_lazy, pgettext_lazy\n"
            'A = gettext_lazy("Probe label")\n'
            'B = pgettext_lazy("probe", "open")\n'
        ),
    }
    found = missing_translations(extract(tmp_path, extra), po)
    assert found == ["'Probe label'", "'Probe sentence'", "[probe] 'Probe word'", "[probe] 'open'"]


def test_a_fuzzy_entry_is_reported(po, tmp_path):
    broken = _broken_copy(po, tmp_path)
    entry = broken[3]
    entry.flags.append("fuzzy")
    assert fuzzy_entries(broken) == [label(key(entry))]
    broken.metadata_is_fuzzy = True
    assert len(fuzzy_entries(broken)) == 2


def test_a_fuzzy_translation_counts_as_missing(extracted, po, tmp_path):
    broken = _broken_copy(po, tmp_path)
    used = {key(e) for e in extracted}
    entry = next(e for e in broken if key(e) in used and not e.msgid_plural)
    entry.flags.append("fuzzy")
    assert missing_translations(extracted, broken) == [label(key(entry))]


@pytest.mark.parametrize(
    ("msgid", "msgstr"),
    [
        ("Delete “%(h)s”?", "Supprimer « h » ?"),  # dropped
        ("Delete “%(h)s”?", "Supprimer « %(heading)s » ?"),  # renamed
        ("Delete “%(h)s”?", "Supprimer « %(h)d » ?"),  # another type
        ("Edit %(h)s", "Modifier"),
    ],
)
def test_a_dropped_or_changed_placeholder_is_reported(po, tmp_path, msgid, msgstr):
    broken = _broken_copy(po, tmp_path)
    assert not placeholder_problems(broken)
    broken.find(msgid).msgstr = msgstr
    assert len(placeholder_problems(broken)) == 1


def test_a_plural_that_drops_its_count_is_reported(po, tmp_path):
    broken = _broken_copy(po, tmp_path)
    entry = next(e for e in broken if e.msgid_plural and "%(n)s" in e.msgid_plural)
    entry.msgstr_plural[0] = entry.msgstr_plural[0].replace("%(n)s", "un")
    problems = placeholder_problems(broken)
    assert len(problems) == 1 and problems[0].startswith(label(key(entry)) + ":"), problems


def test_a_mo_older_than_the_po_is_reported(po, tmp_path):
    """The .po is edited after the .mo was compiled: a changed, a new and a newly fuzzy entry."""
    _need("msgfmt")
    mo = polib.mofile(str(MO_PATH))
    assert not mo_differences(po, mo)
    edited = _broken_copy(po, tmp_path)
    changed = next(e for e in edited if not e.msgid_plural and not e.msgctxt)
    changed.msgstr += " (revu)"
    edited.append(polib.POEntry(msgid="A new string", msgstr="Une nouvelle chaîne"))
    gone = next(e for e in edited if e.msgid_plural)
    gone.flags.append("fuzzy")
    differences = mo_differences(edited, mo)
    assert len(differences) == 3, differences
    # Compiled again (as `make messages` does), the .mo matches once more.
    edited.save(str(tmp_path / "django.po"))
    subprocess.run(
        ["msgfmt", "--check-format", "-o", tmp_path / "django.mo", tmp_path / "django.po"],
        check=True,
    )
    assert not mo_differences(edited, polib.mofile(str(tmp_path / "django.mo")))
