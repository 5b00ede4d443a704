import json
import re
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command

from guidelines.exports.context import export_content
from guidelines.exports.pdf import PdfExporter
from guidelines.models import Document, Milestone, Proposal, WorkingDocument
from guidelines.selectors.documents import document_tree
from tests.exports import scenario
from tests.exports.conftest import require
from tests.factories import DocumentFactory, SectionFactory


def doc():
    return Document.objects.get(slug="iscm-guidelines")


def in_order(text: str, items: list[str]) -> bool:
    at = 0
    for item in items:
        found = text.find(item, at)
        if found == -1:
            raise AssertionError(f"{item!r} missing or out of order")
        at = found + len(item)
    return True


@pytest.mark.django_db
def test_working_document_reads_like_the_reference(seeded, pdf_text):
    working = WorkingDocument.objects.get(reference="PC0999E1")
    pdf = PdfExporter(
        export_content(document=doc(), variant="working-document", working_document=working)
    ).render()
    text = pdf_text(pdf)
    assert pdf.startswith(b"%PDF")
    in_order(
        text,
        [
            "PC0999E1",
            "Brussels, 21 September 2017.",
            "INTEGRATED SUPPLY CHAIN",
            "(Item XV on the Agenda)",
            "I. Background",
            "II. Work of the SAFE Mini-Group",
            "III. Action Requested",
            "For reasons of economy",
            "Copyright © 2017 World Customs Organization",
            "Contents",
            "Annex I to Doc. PC0999E1",
            "Annex II to Doc. PC0999E1",
            "Annex III to Doc. PC0999E1",
        ],
    )
    numbers = re.findall(r"^(\d+)\.\s", text.split("Contents")[0], flags=re.M)
    assert numbers == ["1", "2", "3", "4", "5", "6"]  # continuous across the three parts
    assert re.search(r"Page 2 of \d+", text)
    headings = [f"{n.label} {n.section.heading}".strip() for n in document_tree(doc()).nodes]
    in_order(text.split("Annex I to Doc.")[1], headings)


@pytest.mark.django_db
def test_redline_shows_each_change_with_who_made_it(seeded, pdf_text):
    first = Milestone.objects.get(document=doc())
    text = " ".join(
        pdf_text(
            PdfExporter(export_content(document=doc(), variant="redline", against=first)).render()
        ).split()
    )
    # The deletion and the insertion do not touch; the marker after them names Australia.
    assert "assess risk before loading goods are loaded AU and recognise" in text
    accepted = Proposal.objects.get(document=doc(), status="accepted", kind="amend").pk
    assert f"Changed — AU – Australia (Liam Walker), proposal #{accepted}," in text
    assert "How to read" not in text and "The letters after each change name who made it" in text


def outline(pdf: bytes) -> list[tuple[int, str]]:
    """The PDF's bookmarks as (depth, title), read by qpdf."""
    require("qpdf", "qpdf")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        data = json.loads(
            subprocess.run(
                ["qpdf", "--json", "--json-key=outlines", handle.name],
                capture_output=True,
                check=True,
            ).stdout
        )
    found = []

    def walk(items, depth):
        for item in items:
            found.append((depth, item["title"]))
            walk(item["kids"], depth + 1)

    walk(data["outlines"], 0)
    return found


def pdf_info(pdf: bytes) -> str:
    require("qpdf", "qpdf")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        check = subprocess.run(["qpdf", "--check", handle.name], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
        return subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True).stdout


@pytest.mark.django_db
def test_redline_pdf_is_tagged_with_nested_bookmarks_of_the_current_numbers(seeded, pdf_text):
    case = scenario.build()
    pdf = PdfExporter(
        export_content(document=case.document, variant="redline", against=case.before)
    ).render()
    info = pdf_info(pdf)
    assert re.search(r"^Tagged:\s+yes", info, re.M)
    marks = outline(pdf)
    assert (1, "2 Seals") in marks and (1, "5 Procedures") in marks
    assert (2, "5.3 Nouvelle étape") in marks  # nested under its chapter
    titles = [t for _d, t in marks]
    assert not any("Transit" in t for t in titles)  # deleted: no longer in the draft
    assert not any(t.startswith(("5 Seals", "6 Seals")) for t in titles)  # only current numbers
    text = " ".join(pdf_text(pdf).split())
    assert "Moved to 2 — NL" in text and "Moved from 5 — NL" in text and "Deleted — NL" in text


@pytest.mark.django_db
def test_margin_numbers_run_on_through_the_annexed_draft(seeded, pdf_text):
    working = WorkingDocument.objects.get(reference="PC0999E1")
    working.line_numbers = True
    pdf = PdfExporter(
        export_content(document=doc(), variant="working-document", working_document=working)
    ).render()
    text = pdf_text(pdf, "-layout")
    draft = text.split("Annex I to Doc. PC0999E1")[1].split("Annex II to Doc. PC0999E1")[0]
    numbers = [int(n) for n in re.findall(r"^\s{0,12}(\d{1,3})\s{2,}\S", draft, re.M)]
    assert len(numbers) > 20
    assert numbers == list(range(1, len(numbers) + 1))  # 1, 2, 3 … never restarting


@pytest.mark.django_db
def test_french_redline_has_french_labels(seeded, pdf_text):
    first = Milestone.objects.get(document=doc())
    content = export_content(document=doc(), variant="redline", against=first, language="fr")
    text = " ".join(pdf_text(PdfExporter(content, language="fr").render()).split())
    accepted = Proposal.objects.get(document=doc(), status="accepted", kind="amend").pk
    assert f"Modifiée — AU – Australia (Liam Walker), proposition n° {accepted}," in text
    assert "Changed —" not in text and "proposal #" not in text and "The letters after" not in text


@pytest.mark.django_db
def test_clean_draft_has_every_heading_and_paragraph_in_order(seeded, pdf_text):
    text = pdf_text(PdfExporter(export_content(document=doc(), variant="clean")).render())
    nodes = document_tree(doc()).nodes
    in_order(text, [n.section.heading for n in nodes])
    first_lines = [n.section.body.split("\n")[0][:30] for n in nodes if n.section.body]
    in_order(text.replace("\n", " "), first_lines)


@pytest.mark.django_db
def test_empty_document_is_a_valid_pdf_saying_so(pdf_text):
    text = pdf_text(
        PdfExporter(export_content(document=DocumentFactory(), variant="clean")).render()
    )
    assert "This document has no sections yet." in text


@pytest.mark.django_db
def test_hostile_resources_are_never_fetched_or_embedded(monkeypatch, pdf_text):
    document = DocumentFactory()
    SectionFactory(
        document=document,
        heading="Hostile",
        body=(
            'Visible text.\n\n![x](file:///etc/hostname)\n\n<img src="http://169.254.169.254/">\n\n'
            '<link rel="attachment" href="file:///etc/passwd">[att](file:///etc/passwd)\n\n'
            "![d](data:image/gif;base64,R0lGODlhAQABAAAAACw=)"
        ),
    )
    attempts = []
    monkeypatch.setattr(socket.socket, "connect", lambda *a: attempts.append(a) or 1 / 0)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: attempts.append(a) or 1 / 0)
    exporter = PdfExporter(export_content(document=document, variant="clean"))
    html = exporter.html()
    pdf = exporter.render(html)
    assert "file:///etc/hostname" not in html  # nh3 drops file: URLs first
    # An image from another site is a link, never fetched; the fetcher refuses it anyway.
    assert '<a href="http://169.254.169.254/"' in html and "<img" in html  # the data: one
    assert 'src="http://169.254.169.254/' not in html and exporter.fetcher.refused == []
    assert attempts == []
    assert b"/EmbeddedFile" not in pdf and b"/Filespec" not in pdf
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else ""
    text = pdf_text(pdf)
    assert "Visible text." in text and (not hostname or hostname not in text)
    # The fetcher itself refuses anything but our static files and data: URLs.
    fetcher = exporter.fetcher
    for url in (
        "file:///etc/hostname",
        "http://169.254.169.254/",
        "https://example.org/x.png",
        "https://iscm-tracker.invalid/static/../../etc/passwd",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.fetch("https://iscm-tracker.invalid/static/css/print.css").read()
    assert attempts == []


@pytest.mark.django_db
def test_export_pdf_command_writes_pdf_and_html(seeded, pdf_text):
    with tempfile.TemporaryDirectory() as tmp:
        out, html = Path(tmp, "wd.pdf"), Path(tmp, "wd.html")
        call_command(
            "export_pdf",
            "iscm-guidelines",
            "--variant",
            "working-document",
            "--working-document",
            "PC0999E1",
            "--output",
            str(out),
            "--html-output",
            str(html),
        )
        assert "Annex I to Doc. PC0999E1" in pdf_text(out.read_bytes())
        assert "Annex I to Doc. PC0999E1" in html.read_text()
        info = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
        fonts = [line.split() for line in info.splitlines()[2:] if line.strip()]
        assert fonts and any("DejaVu" in f[0] for f in fonts)
        assert all(f[-5] == "yes" for f in fonts), info  # every font embedded


@pytest.mark.django_db
def test_french_cyrillic_vietnamese_and_chinese_survive_with_embedded_fonts(pdf_text):
    document = DocumentFactory()
    words = "Données sécurisées · Таможенный контроль · Hải quan Việt Nam · 海关监管"
    SectionFactory(document=document, heading="Langues", body=words)
    pdf = PdfExporter(export_content(document=document, variant="clean")).render()
    text = " ".join(pdf_text(pdf).split())
    for word in ("Données sécurisées", "Таможенный контроль", "Hải quan Việt Nam", "海关监管"):
        assert word in text
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        info = subprocess.run(["pdffonts", handle.name], capture_output=True, text=True).stdout
    fonts = [line.split() for line in info.splitlines()[2:] if line.strip()]
    assert any("CJK" in f[0] for f in fonts), info
    assert all(f[-5] == "yes" for f in fonts), info


@pytest.mark.django_db
def test_pdf_declares_its_language_and_keeps_alt_text_in_the_tags(tmp_path):
    document = DocumentFactory()
    pixel = "R0lGODlhAQABAIAAAP8AAAAAACH5BAAAAAAALAAAAAABAAEAAAICRAEAOw=="
    SectionFactory(document=document, heading="Image",
                   body=f"Text.\n\n![A red pixel](data:image/gif;base64,{pixel})")  # fmt: skip
    pdf = PdfExporter(export_content(document=document, variant="clean")).render()
    require("qpdf", "qpdf")
    source, expanded = tmp_path / "a.pdf", tmp_path / "q.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["qpdf", "--qdf", "--object-streams=disable", str(source), str(expanded)], check=True
    )
    raw = expanded.read_bytes()
    assert b"/Lang (en)" in raw and b"/Alt (A red pixel)" in raw and b"/S /Figure" in raw


@pytest.mark.django_db
def test_links_to_sections_go_to_their_place_in_the_pdf(settings, pdf_text):
    """The editor's "Link to a section" writes a site path; in the PDF it leads to the section
    in the PDF, or, for a page the PDF does not contain, to the site (never to the PDF's own
    base URL)."""
    settings.SITE_URL = "https://iscm.example.org"
    document = DocumentFactory()
    target = SectionFactory(document=document, heading="Target")
    path = f"/documents/{document.slug}/sections/{target.key}/"
    SectionFactory(
        document=document,
        heading="Linking",
        body=f"See [1 Target]({path}) and [the list](/documents/{document.slug}/proposals/).",
    )
    exporter = PdfExporter(export_content(document=document, variant="clean"))
    html = exporter.html()
    assert f'href="#s-{target.key}"' in html
    assert f'href="https://iscm.example.org/documents/{document.slug}/proposals/"' in html
    assert "iscm-tracker.invalid/documents" not in html
    pdf = exporter.render(html)
    assert exporter.fetcher.refused == []
    assert "See 1 Target and the list." in pdf_text(pdf).replace("\n", " ")
