"""Run LibreOffice on a review file from the tests: ``libreoffice_edit(data, edits)`` (UNO, see
tests/imports/libreoffice_edit.py for the instructions) and ``libreoffice_resave(data)`` (open
and save again as .docx, ``soffice --convert-to``). Both skip the test when LibreOffice or its
UNO bridge is missing (and fail on CI, like tests/exports/test_libreoffice.py)."""

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

EDIT = Path(__file__).with_name("libreoffice_edit.py")
SYSTEM_PYTHON = "/usr/bin/python3"


def _require(uno: bool) -> None:
    found = bool(shutil.which("soffice"))
    if found and uno:
        found = (
            Path(SYSTEM_PYTHON).exists()
            and subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True).returncode
            == 0
        )
    if not found:
        message = "LibreOffice (and python3-uno) not found: apt-get install " \
            "libreoffice-writer-nogui python3-uno"  # fmt: skip
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def libreoffice_edit(data: bytes, edits: list[dict]) -> tuple[bytes, dict]:
    """The file edited by LibreOffice and saved as .docx, and what the script reported."""
    _require(uno=True)
    with tempfile.TemporaryDirectory(prefix="iscm-lo-") as folder:
        source, target = Path(folder, "review.docx"), Path(folder, "edited.docx")
        source.write_bytes(data)
        Path(folder, "edits.json").write_text(json.dumps(edits), encoding="utf-8")
        result = subprocess.run(
            [SYSTEM_PYTHON, str(EDIT), str(source), str(target), str(Path(folder, "edits.json"))],
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        return target.read_bytes(), json.loads(result.stdout.strip().splitlines()[-1])


def libreoffice_resave(data: bytes) -> bytes:
    """The file opened by LibreOffice and saved again as Word 2007-365 (.docx)."""
    _require(uno=False)
    with tempfile.TemporaryDirectory(prefix="iscm-lo-") as folder:
        source = Path(folder, "in", "review.docx")
        source.parent.mkdir()
        source.write_bytes(data)
        subprocess.run(
            [
                "soffice", "--headless", "--norestore", "--nolockcheck",
                f"-env:UserInstallation=file://{folder}/profile",
                "--convert-to", "docx:MS Word 2007 XML", "--outdir", f"{folder}/out", str(source),
            ],
            capture_output=True,
            timeout=180,
            check=True,
        )  # fmt: skip
        return Path(folder, "out", "review.docx").read_bytes()


READINGS = Path(__file__).parent.parent / "exports" / "libreoffice_readings.py"


def libreoffice_readings(data: bytes) -> dict:
    """How LibreOffice reads the file: its paragraphs as shown, after Accept All and after
    Reject All, and how many tracked changes it counts (tests/exports/libreoffice_readings.py)."""
    _require(uno=True)
    with tempfile.TemporaryDirectory(prefix="iscm-lo-") as folder:
        path = Path(folder, "review.docx")
        path.write_bytes(data)
        result = subprocess.run(
            [SYSTEM_PYTHON, str(READINGS), str(path)],
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        return json.loads(result.stdout)[str(path)]
