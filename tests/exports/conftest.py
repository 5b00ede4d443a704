import os
import shutil
import subprocess

import pytest


def require(command: str, package: str) -> None:
    """Skip a test that needs a program this machine lacks; in CI (which installs it), fail."""
    if shutil.which(command) is None:
        message = f"{command} not found (apt-get install {package})"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def pdf_text():
    """Text of a PDF as a reader gets it (poppler's pdftotext)."""
    require("pdftotext", "poppler-utils")

    def extract(pdf: bytes, *layout: str) -> str:
        result = subprocess.run(
            ["pdftotext", *layout, "-", "-"], input=pdf, capture_output=True, check=True
        )
        return result.stdout.decode("utf-8")

    return extract
