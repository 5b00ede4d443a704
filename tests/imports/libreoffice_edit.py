"""Edit a .docx with LibreOffice, as a reviewer would, and save it as Word 2007-365 (.docx).

Run with the system Python that has LibreOffice's UNO bridge (Debian's python3-uno), not the
project's virtualenv:

    /usr/bin/python3 tests/imports/libreoffice_edit.py IN.docx OUT.docx EDITS.json

EDITS.json is a list of instructions, applied in order ("containing": the first paragraph, table
cells included, whose text contains it; offsets are in that paragraph's text):

    {"op": "author", "name": "Li Wei"}            who LibreOffice says made the changes (first)
    {"op": "record", "on": true}                  Track Changes on (or off: untracked edits)
    {"op": "insert", "containing": X, "after": W, "text": T}
    {"op": "delete", "containing": X, "words": W}
    {"op": "replace", "containing": X, "old": W, "new": T}
    {"op": "new_paragraph", "after": X, "text": T, "style": "Heading 2"}
    {"op": "comment", "containing": X, "quote": Q, "text": T, "author": A}

The comment edit selects the passage and runs Insert Comment. LibreOffice 7.4 without a GUI
(Debian's libreoffice-writer-nogui) crashes on any comment through UNO (inserted through the API
with or without absorbing a range, or through the dispatcher, or merely loaded from a .docx),
so the tests give comments to LibreOffice through ``soffice --convert-to`` instead
(tests/imports/libreoffice.py ``libreoffice_resave``).

Prints JSON: {"saved": OUT, "redlines": count of tracked changes, "annotations": count}.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import uno  # noqa: F401  (Debian's python3-uno)
from com.sun.star.beans import PropertyValue
from com.sun.star.text.ControlCharacter import PARAGRAPH_BREAK

SOFFICE = os.environ.get("SOFFICE", "soffice")


def _prop(name, value):
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def _paragraphs(text):
    items = text.createEnumeration()
    while items.hasMoreElements():
        item = items.nextElement()
        if item.supportsService("com.sun.star.text.Paragraph"):
            yield item
        elif item.supportsService("com.sun.star.text.TextTable"):
            for name in item.getCellNames():
                yield from _paragraphs(item.getCellByName(name).getText())


def _find(document, containing):
    for paragraph in _paragraphs(document.getText()):
        if containing in paragraph.getString():
            return paragraph
    raise SystemExit(f"no paragraph contains {containing!r}")


def _cursor(paragraph, start, length=0):
    """A cursor ``start`` characters into the paragraph, selecting ``length`` characters."""
    text = paragraph.getText()
    cursor = text.createTextCursorByRange(paragraph.getStart())
    cursor.goRight(start, False)
    if length:
        cursor.goRight(length, True)
    return text, cursor


def _offset(paragraph, words):
    found = paragraph.getString().find(words)
    if found < 0:
        raise SystemExit(f"{words!r} not in {paragraph.getString()!r}")
    return found


def _set_author(context, name):
    provider = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.configuration.ConfigurationProvider", context
    )
    access = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess",
        (_prop("nodepath", "/org.openoffice.UserProfile/Data"),),
    )
    given, _, family = name.partition(" ")
    access.setPropertyValue("givenname", given)
    access.setPropertyValue("sn", family)
    access.commitChanges()


def apply(document, context, edit):
    op = edit["op"]
    if op == "record":
        document.setPropertyValue("RecordChanges", bool(edit["on"]))
    elif op == "insert":
        paragraph = _find(document, edit["containing"])
        end = _offset(paragraph, edit["after"]) + len(edit["after"])
        text, cursor = _cursor(paragraph, end)
        text.insertString(cursor, edit["text"], False)
    elif op in ("delete", "replace"):
        words = edit["words"] if op == "delete" else edit["old"]
        paragraph = _find(document, edit["containing"])
        _, cursor = _cursor(paragraph, _offset(paragraph, words), len(words))
        cursor.setString(edit.get("new", ""))
    elif op == "new_paragraph":
        paragraph = _find(document, edit["after"])
        text = paragraph.getText()
        cursor = text.createTextCursorByRange(paragraph.getEnd())
        text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
        cursor.setPropertyValue("ParaStyleName", edit.get("style", "Standard"))
        cursor.setPropertyValue("NumberingStyleName", "")  # not a list item (Enter continues one)
        text.insertString(cursor, edit["text"], False)
    elif op == "comment":
        # Inserting an Annotation over a range through the API (absorb) crashes LibreOffice 7.4
        # a moment later: select the passage and use the Insert Comment command instead.
        paragraph = _find(document, edit["containing"])
        quote = edit.get("quote", "")
        start = _offset(paragraph, quote) if quote else 0
        _, cursor = _cursor(paragraph, start, len(quote))
        controller = document.getCurrentController()
        controller.select(cursor)
        dispatcher = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.DispatchHelper", context
        )
        dispatcher.executeDispatch(
            controller.getFrame(),
            ".uno:InsertAnnotation",
            "",
            0,
            (_prop("Text", edit["text"]), _prop("Author", edit.get("author", "Li Wei"))),
        )
    else:
        raise SystemExit(f"unknown edit {op!r}")


def _load(desktop, url):
    """A just-started office sometimes answers None: try again for a while."""
    for _ in range(50):
        document = desktop.loadComponentFromURL(url, "_blank", 0, (_prop("Hidden", True),))
        if document is not None:
            return document
        time.sleep(0.2)
    raise SystemExit(f"LibreOffice could not open {url}")


def main(source, target, edits_path):
    with open(edits_path, encoding="utf-8") as handle:
        edits = json.load(handle)
    profile = tempfile.mkdtemp(prefix="iscm-lo-edit-")
    pipe = f"iscmedit{os.getpid()}"
    office = subprocess.Popen(
        [
            SOFFICE, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
            "--nolockcheck", f"-env:UserInstallation=file://{profile}",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: soffice.bin is a child of soffice
    )  # fmt: skip
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        context = None
        for _ in range(300):
            try:
                context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:  # noqa: BLE001  (not listening yet)
                time.sleep(0.1)
        if context is None:
            raise SystemExit("LibreOffice did not start")
        for edit in edits:  # the author is a setting: set before the document is opened
            if edit["op"] == "author":
                _set_author(context, edit["name"])
        desktop = context.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", context
        )
        # A copy in the private directory: a crash leaves its lock file there, not beside it.
        copy = os.path.join(profile, "in.docx")
        shutil.copyfile(source, copy)
        document = _load(desktop, uno.systemPathToFileUrl(copy))
        for edit in edits:
            if edit["op"] != "author":
                apply(document, context, edit)
        out_url = uno.systemPathToFileUrl(os.path.abspath(target))
        document.storeToURL(out_url, (_prop("FilterName", "MS Word 2007 XML"),))
        annotations = 0
        fields = document.getTextFields().createEnumeration()
        while fields.hasMoreElements():
            annotations += fields.nextElement().supportsService(
                "com.sun.star.text.textfield.Annotation"
            )
        result = {
            "saved": target,
            "redlines": document.getRedlines().getCount(),
            "annotations": annotations,
        }
        document.close(True)
        print(json.dumps(result))
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001  (the bridge closes as it quits)
            pass
    finally:
        try:
            office.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
        try:  # whatever is left of the office this script started (never any other)
            os.killpg(office.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        office.wait()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main(*sys.argv[1:4])
