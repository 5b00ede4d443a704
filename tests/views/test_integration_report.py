"""The integration report's downloads and their links on the coverage page."""

import csv
import io

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
SLUG = "iscm-guidelines"


def url(fmt: str) -> str:
    return reverse("guidelines:integration_report", kwargs={"slug": SLUG, "fmt": fmt})


@pytest.mark.parametrize(
    "fmt,kind,start",
    [
        ("csv", "text/csv", b"\xef\xbb\xbf"),
        ("xlsx", "spreadsheetml", b"PK"),
        ("docx", "wordprocessingml", b"PK"),
        ("pdf", "application/pdf", b"%PDF"),
    ],
)
def test_every_format_is_a_download(seeded, client_for, fmt, kind, start):
    response = client_for("observer").get(url(fmt))
    assert response.status_code == 200
    assert kind in response["Content-Type"] and response.content.startswith(start)
    assert f'filename="integration-report-{SLUG}-en.{fmt}"' in response["Content-Disposition"]


def test_demo_report_lists_every_section_with_its_disposition(seeded, client_for):
    rows = list(csv.reader(io.StringIO(client_for("member-au").get(url("csv")).content.decode())))
    assert len(rows) > 10
    by_heading = {r[1]: r for r in rows[1:]}
    assert by_heading["Seals"][2:5] == [
        "Integrate into a SAFE standard",
        "as technical specification",
        "P1.S5 High-risk Cargo or Container",
    ]
    assert by_heading["Data privacy and data protection"][2] == "Keep as stand-alone guidance"
    assert by_heading["Export procedures"][2] == "No disposition yet"
    assert {r[2] for r in rows[1:]} == {
        "Integrate into a SAFE standard", "Keep as stand-alone guidance", "Delete as duplicate",
        "Needs discussion", "No disposition yet",
    }  # fmt: skip


def test_french_labels(seeded, client_for):
    response = client_for("member-au").get(url("csv") + "?language=fr")
    assert 'integration-report-iscm-guidelines-fr.csv"' in response["Content-Disposition"]
    assert response.content.decode().lstrip("\ufeff").startswith("Section,Titre,")


def test_anonymous_visitors_are_sent_to_log_in(client):
    assert client.get(url("pdf")).status_code == 302


def test_coverage_page_links_the_four_files(seeded, client_for):
    html = client_for("observer").get(reverse("guidelines:coverage", args=[SLUG])).content.decode()
    assert "Phase-two integration report" in html
    for fmt in ("pdf", "docx", "xlsx", "csv"):
        assert f'href="{url(fmt)}"' in html
