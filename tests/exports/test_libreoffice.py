"""The Word redline checked with a real office suite: LibreOffice's "Accept All" gives the newer
draft and "Reject All" the older one, paragraph by paragraph, exactly."""

import difflib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from guidelines.exports.context import export_content
from guidelines.exports.docx import DocxExporter
from guidelines.models import Milestone
from tests.exports import scenario

READINGS = Path(__file__).with_name("libreoffice_readings.py")
SYSTEM_PYTHON = "/usr/bin/python3"


@pytest.fixture(scope="session")
def libreoffice():
    """``read(paths) -> {path: {"tracked_changes", "shown", "accepted", "rejected"}}``."""
    has_uno = (
        Path(SYSTEM_PYTHON).exists()
        and shutil.which("soffice")
        and subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True).returncode == 0
    )
    if not has_uno:
        message = "LibreOffice with python3-uno not found (apt-get install " \
            "libreoffice-writer-nogui python3-uno)"  # fmt: skip
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)

    def read(paths: list[Path]) -> dict:
        result = subprocess.run(
            [SYSTEM_PYTHON, str(READINGS), *map(str, paths)],
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        return {Path(k): v for k, v in json.loads(result.stdout).items()}

    return read


def draft(paragraphs: list[str], first_heading: str) -> list[str]:
    """The draft itself: from the first section's heading to the end (the title page, the
    legend and the table of changes come before it)."""
    return paragraphs[paragraphs.index(first_heading) :]


def differing(expected: list[str], got: list[str]) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(expected, got, lineterm="", n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]


@pytest.mark.django_db
def test_accept_all_gives_the_new_draft_and_reject_all_the_old(seeded, libreoffice, tmp_path):
    case = scenario.build()
    document = case.document
    files = {
        "redline": export_content(document=document, variant="redline", against=case.before),
        "new": export_content(document=document, variant="clean"),
        "old": export_content(document=document, variant="clean", milestone=case.before),
    }
    paths = {}
    for name, content in files.items():
        paths[name] = tmp_path / f"{name}.docx"
        paths[name].write_bytes(DocxExporter(content).render())
    readings = libreoffice(list(paths.values()))
    redline = readings[paths["redline"]]
    first = "Foreword"  # front matter, unchanged: the draft starts there in all three files
    new, old = (
        draft(readings[paths["new"]]["shown"], first),
        draft(readings[paths["old"]]["shown"], first),
    )
    accepted = draft(redline["accepted"], first)
    rejected = draft(redline["rejected"], first)
    assert redline["tracked_changes"] >= 20
    assert differing(new, accepted) == []
    assert differing(old, rejected) == []
    # What the edits were, as the reader sees them in the two readings.
    assert "Nouvelle étape" in " ".join(accepted) and "Nouvelle étape" not in " ".join(rejected)
    assert "海关监管货物的风险评估。" in accepted and "Таможенный контроль на границе." in accepted
    assert any(p.endswith("Transit") for p in rejected) and not any(
        p.endswith("Transit") for p in accepted
    )
    assert accepted.index("2 Seals") < accepted.index("3 Terms")  # moved, and renumbered
    assert "ACI" in accepted and "ACI" not in rejected  # a table row inserted
    assert "SAFE" in rejected and "SAFE" not in accepted  # and one deleted
    assert Milestone.objects.filter(document=document).count() == 1
