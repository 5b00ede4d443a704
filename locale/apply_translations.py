"""Fill locale/fr/LC_MESSAGES/django.po from fr_translations.py (run by `make messages`)."""

import sys
from pathlib import Path

import polib

sys.path.insert(0, str(Path(__file__).parent))
from fr_translations import FR, FR_PLURAL  # noqa: E402

po = polib.pofile(str(Path(__file__).parent / "fr" / "LC_MESSAGES" / "django.po"))
missing = []
for entry in po:
    if entry.msgid_plural:
        if entry.msgid in FR_PLURAL:
            one, many = FR_PLURAL[entry.msgid]
            entry.msgstr_plural = {0: one, 1: many}
        else:
            missing.append(entry.msgid)
    elif entry.msgid in FR:
        entry.msgstr = FR[entry.msgid]
    else:
        missing.append(entry.msgid)
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
po.metadata["Language"] = "fr"
po.metadata["Plural-Forms"] = "nplurals=2; plural=(n > 1);"
po.save()
if missing:
    print("Untranslated:", *missing, sep="\n  ")
