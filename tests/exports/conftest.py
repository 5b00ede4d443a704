import os
import shutil
import subprocess

import pytest


@pytest.fixture(scope="session")
def pdf_text():
    """Text of a PDF as a reader gets it (poppler's pdftotext)."""
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext not found (apt-get install poppler-utils)")
        pytest.skip("pdftotext not found (apt-get install poppler-utils)")

    def extract(pdf: bytes, *layout: str) -> str:
        result = subprocess.run(
            ["pdftotext", *layout, "-", "-"], input=pdf, capture_output=True, check=True
        )
        return result.stdout.decode("utf-8")

    return extract
