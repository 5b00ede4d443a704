"""`backup_document` on one site, `restore_document` into an empty database of its own, as real
`manage.py` processes (a SQLite file each, or PostgreSQL databases when the suite runs on
PostgreSQL; see tests/procs.py): the restored document reads back identically."""

import shutil
import subprocess

import pytest

from tests.procs import Site

FINGERPRINT = """
from tests.services.backup_checks import fingerprint
result = fingerprint()
"""
COUNTS = """
from django.apps import apps
result = {m._meta.label: m.objects.count() for m in apps.get_app_config("guidelines").get_models()}
"""
USERS = """
from guidelines.models import Delegation, User
result = {
    "users": sorted(
        (u.username, u.is_active, u.has_usable_password(), [g.name for g in u.groups.all()],
         u.delegation.code if u.delegation else None)
        for u in User.objects.all()
    ),
    "delegation_reasons": sorted(
        {h.history_change_reason for h in Delegation.history.all()}
    ),
}
"""


@pytest.fixture
def sites(tmp_path):
    made = []

    def make(name: str, **options) -> Site:
        site = Site(tmp_path / name, **options)
        made.append(site)
        return site

    yield make
    for site in made:
        site.drop()


def pdf_text(site: Site, path) -> str:
    site.manage(
        "export_pdf", "iscm-guidelines", "--variant", "working-document",
        "--working-document", "PC0999E1", "--no-cache", "--output", str(path),
    )  # fmt: skip
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_a_document_restored_into_an_empty_database_reads_back_identically(sites, tmp_path):
    source = sites("source", synthetic_sections=0)
    source.query("from tests.services.backup_checks import add_activity\nadd_activity()\nresult=1")
    backup = tmp_path / "iscm.json"
    out = source.manage("backup_document", "iscm-guidelines", "--output", str(backup)).stdout
    assert out.startswith(f"wrote {backup}: 26 sections")

    target = sites("target", seed=False)
    assert target.query(COUNTS)["guidelines.Document"] == 0
    target.manage("restore_document", str(backup))

    assert target.query(FINGERPRINT) == source.query(FINGERPRINT)
    text = pdf_text(target, tmp_path / "target.pdf")
    assert "Locks are checked at loading" in text
    assert text == pdf_text(source, tmp_path / "source.pdf")
    people = target.query(USERS)
    assert ["facilitator", False, False, ["facilitator"], "nl"] in people["users"]
    assert ["member-au", False, False, ["member"], "au"] in people["users"]
    assert all(not active for _name, active, *_rest in people["users"])
    assert people["delegation_reasons"] == ["Restored from a document backup"]

    # Refused a second time, with one line on stderr and nothing written.
    counts = target.query(COUNTS)
    again = target.manage("restore_document", str(backup), check=False)
    assert again.returncode != 0
    assert again.stderr.strip().splitlines() == [
        "CommandError: refused: a document 'iscm-guidelines' exists already "
        "(use --replace to replace it)"
    ]
    truncated = tmp_path / "truncated.json"
    truncated.write_bytes(backup.read_bytes()[:-100])
    broken = target.manage("restore_document", str(truncated), "--replace", check=False)
    assert broken.returncode != 0 and len(broken.stderr.strip().splitlines()) == 1
    assert "not a complete backup file" in broken.stderr
    assert target.query(COUNTS) == counts

    target.manage("restore_document", str(backup), "--replace")
    assert target.query(COUNTS) == counts
