"""Read .docx files the way LibreOffice does, as shown, after "Accept All" and after "Reject All".

Run with the system Python that has LibreOffice's UNO bridge (Debian's python3-uno), not the
project's virtualenv:

    /usr/bin/python3 tests/exports/libreoffice_readings.py a.docx [b.docx …]

Prints JSON: for each file, the number of tracked changes LibreOffice counts and the text of every
paragraph in reading order (table cells row by row) as shown, accepted and rejected.
"""

import json
import os
import subprocess
import sys
import tempfile
import time

import uno  # noqa: F401  (Debian's python3-uno)
from com.sun.star.beans import PropertyValue

SOFFICE = os.environ.get("SOFFICE", "soffice")


def _prop(name, value):
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def paragraphs(text):
    out = []
    items = text.createEnumeration()
    while items.hasMoreElements():
        item = items.nextElement()
        if item.supportsService("com.sun.star.text.Paragraph"):
            out.append(item.getString())
        elif item.supportsService("com.sun.star.text.TextTable"):
            for name in item.getCellNames():  # A1, B1 … then A2 …
                out.extend(paragraphs(item.getCellByName(name).getText()))
    return out


def main(paths):
    profile = tempfile.mkdtemp(prefix="iscm-lo-")
    pipe = f"iscm{os.getpid()}"
    office = subprocess.Popen(
        [
            SOFFICE, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
            "--nolockcheck", f"-env:UserInstallation=file://{profile}",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
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
        manager = context.ServiceManager
        desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        dispatcher = manager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
        result = {}
        for path in paths:
            url = uno.systemPathToFileUrl(os.path.abspath(path))
            readings = {}
            for mode, command in (
                ("shown", None),
                ("accepted", ".uno:AcceptAllTrackedChanges"),
                ("rejected", ".uno:RejectAllTrackedChanges"),
            ):
                document = desktop.loadComponentFromURL(url, "_blank", 0, (_prop("Hidden", True),))
                if document is None:
                    raise SystemExit(f"LibreOffice could not open {path}")
                readings["tracked_changes"] = document.getRedlines().getCount()
                if command:
                    frame = document.getCurrentController().getFrame()
                    dispatcher.executeDispatch(frame, command, "", 0, ())
                readings[mode] = paragraphs(document.getText())
                document.close(True)
            result[path] = readings
        print(json.dumps(result, ensure_ascii=False))
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001  (the bridge closes as it quits)
            pass
    finally:
        try:
            office.wait(timeout=20)
        except subprocess.TimeoutExpired:
            office.kill()


if __name__ == "__main__":
    main(sys.argv[1:])
