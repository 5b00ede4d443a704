"""Serving: compressed pages and JSON, downloads left as they are, hashed static files cached for
good, persistent database connections in production, gunicorn's threaded workers."""

import gzip
import http.client
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import brotli
import django_htmx
import pytest
from django.core.management import call_command
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse

from guidelines.compression import CompressionMiddleware, accepted_encodings
from scripts import serve_prod
from tests.views.test_settings import PRODUCTION_ENV, manage

SLUG = "iscm-guidelines"
DECODE = {"br": brotli.decompress, "gzip": gzip.decompress}
CSRF = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]+"')


def decoded(response) -> bytes:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    coding = response.get("Content-Encoding")
    return DECODE[coding](body) if coding else body


def without_csrf(html: bytes) -> bytes:
    """The page without its CSRF tokens, which Django masks anew in every response."""
    return CSRF.sub(rb'\1"', html)


# Through the whole stack: a page, the API, downloads.


@pytest.mark.django_db
@pytest.mark.parametrize("coding", ["br", "gzip"])
def test_a_page_is_compressed_when_the_browser_accepts_it(seeded, client_for, coding):
    client = client_for("member-au")
    url = reverse("guidelines:document_detail", kwargs={"slug": SLUG})
    plain = client.get(url)
    assert "Content-Encoding" not in plain
    assert "Accept-Encoding" in plain["Vary"]
    packed = client.get(url, headers={"Accept-Encoding": f"{coding}, identity"})
    assert packed["Content-Encoding"] == coding
    assert "Accept-Encoding" in packed["Vary"]
    assert int(packed["Content-Length"]) == len(packed.content) < len(plain.content) / 3
    assert without_csrf(decoded(packed)) == without_csrf(plain.content)


@pytest.mark.django_db
@pytest.mark.parametrize("coding", ["br", "gzip"])
def test_api_json_is_compressed_to_the_same_bytes(seeded, client_for, coding):
    client = client_for("member-au")
    url = f"/api/documents/{SLUG}/"
    plain = client.get(url)
    assert plain["Content-Type"].startswith("application/json")
    assert "Content-Encoding" not in plain
    packed = client.get(url, headers={"Accept-Encoding": coding})
    assert packed["Content-Encoding"] == coding
    assert decoded(packed) == plain.content


@pytest.mark.django_db
def test_brotli_is_preferred_and_a_refused_coding_is_not_used(seeded, client_for):
    client = client_for("member-au")
    url = f"/api/documents/{SLUG}/"
    assert client.get(url, headers={"Accept-Encoding": "gzip, br"})["Content-Encoding"] == "br"
    refused = client.get(url, headers={"Accept-Encoding": "br;q=0, gzip;q=0.5"})
    assert refused["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in client.get(url, headers={"Accept-Encoding": "identity"})


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fmt,start", [("pdf", b"%PDF"), ("docx", b"PK"), ("xlsx", b"PK"), ("csv", None)]
)
def test_downloads_already_compressed_are_sent_as_they_are(seeded, client_for, fmt, start):
    url = reverse("guidelines:integration_report", kwargs={"slug": SLUG, "fmt": fmt})
    response = client_for("observer").get(url, headers={"Accept-Encoding": "br, gzip"})
    assert response.status_code == 200
    if start:  # PDF, Word, Excel: the file itself
        assert "Content-Encoding" not in response
        assert response.content.startswith(start)
    else:  # CSV is text: compressed like a page
        assert response["Content-Encoding"] == "br"
        assert decoded(response).startswith(b"\xef\xbb\xbfSection,")


# The middleware on its own: streaming, files, small bodies, ETags, the BREACH padding.

TEXT = ("<p>Advance electronic cargo information, risk management, seals. </p>\n" * 200).encode()


def through_middleware(response, accept="br, gzip"):
    request = RequestFactory().get("/", headers={"Accept-Encoding": accept})
    return CompressionMiddleware(lambda _request: response)(request)


@pytest.mark.parametrize("coding", ["br", "gzip"])
def test_a_streamed_text_response_is_compressed_chunk_by_chunk(coding):
    chunks = [TEXT[:1000], TEXT[1000:5000], TEXT[5000:]]
    response = through_middleware(StreamingHttpResponse(iter(chunks)), accept=coding)
    assert response["Content-Encoding"] == coding and "Content-Length" not in response
    assert decoded(response) == TEXT


def test_files_binary_types_and_short_bodies_are_not_compressed(tmp_path):
    path = tmp_path / "guidelines.pdf"
    path.write_bytes(b"%PDF-1.7 " + TEXT)
    with open(path, "rb") as handle:  # closed here: closing the response signals request_finished
        file_response = through_middleware(FileResponse(handle, content_type="text/plain"))
        assert "Content-Encoding" not in file_response
    for kind in ("application/pdf", "application/zip", "image/png"):
        assert "Content-Encoding" not in through_middleware(HttpResponse(TEXT, content_type=kind))
    assert "Content-Encoding" not in through_middleware(HttpResponse(b"<p>short</p>"))


def test_a_strong_etag_becomes_weak_once_compressed():
    response = HttpResponse(TEXT)
    response["ETag"] = '"v7"'
    assert through_middleware(response)["ETag"] == 'W/"v7"'


@pytest.mark.parametrize("coding", ["br", "gzip"])
def test_compressed_lengths_vary_against_breach(coding):
    """Random padding (Heal The Breach): the same body never has one predictable length."""
    lengths = set()
    for _ in range(20):
        response = through_middleware(HttpResponse(TEXT), accept=coding)
        assert decoded(response) == TEXT
        lengths.add(len(response.content))
    assert len(lengths) > 1


def test_accept_encoding_with_qualities():
    assert accepted_encodings("gzip, deflate, br, zstd") == {"gzip", "deflate", "br", "zstd"}
    assert accepted_encodings("br;q=0, gzip;q=0.8") == {"gzip"}
    assert accepted_encodings("BR ; q=1.0") == {"br"}
    assert accepted_encodings("") == set()


# Static files: hashed names, immutable for ten years.


@pytest.fixture
def collected_static(settings, tmp_path):
    """Production's storage, collected into a folder of the test's own (our static/ and htmx,
    which pages need, not the admin's files: quicker)."""
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STATICFILES_DIRS = [
        *settings.STATICFILES_DIRS,
        Path(django_htmx.__file__).parent / "static",
    ]
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    from django.contrib.staticfiles.storage import staticfiles_storage

    return staticfiles_storage


@pytest.mark.django_db
def test_hashed_static_files_are_cached_for_good(collected_static):
    url = collected_static.url("css/app.css")
    assert re.fullmatch(r"/static/css/app\.[0-9a-f]{12}\.css", url)
    client = Client()  # its middleware is made now, with the settings above
    assert url in client.get(reverse("login")).content.decode()  # pages link the hashed name
    response = client.get(url, headers={"Accept-Encoding": "br, gzip"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert response["Content-Encoding"] == "br"  # WhiteNoise's own .br copy, not ours again
    original = collected_static.location + "/" + url.removeprefix("/static/")
    with open(original, "rb") as handle:
        assert decoded(response) == handle.read()
    # The unhashed name still answers, but may change: cached briefly only.
    assert "immutable" not in client.get("/static/css/app.css")["Cache-Control"]


# Production settings and the server's command line.


def connection_settings(env) -> str:
    code = "from django.db import connection as c; print(c.settings_dict['CONN_MAX_AGE'], "
    code += "c.settings_dict['CONN_HEALTH_CHECKS'])"
    result = manage("shell", "--no-imports", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_keeps_database_connections_with_health_checks():
    assert connection_settings(PRODUCTION_ENV) == "60 True"
    assert connection_settings({**PRODUCTION_ENV, "CONN_MAX_AGE": "0"}) == "0 True"
    assert connection_settings({"DEBUG": "1"}) == "0 True"


def test_gunicorn_runs_threaded_workers(monkeypatch):
    monkeypatch.delenv("GUNICORN_THREADS", raising=False)
    argv = serve_prod.gunicorn_argv("127.0.0.1:8000", 5, serve_prod.gunicorn_threads())
    assert argv[argv.index("--worker-class") + 1] == "gthread"
    assert argv[argv.index("--threads") + 1] == "4"
    assert argv[argv.index("--workers") + 1] == "5"
    monkeypatch.setenv("GUNICORN_THREADS", "8")
    argv = serve_prod.gunicorn_argv("127.0.0.1:8000", 3)
    assert argv[argv.index("--threads") + 1] == "8"


def test_gunicorn_closes_connections_after_each_response_by_default(monkeypatch):
    """A kept-alive connection stays with one process: closed, the next request goes to the
    first process free to take it (see ``serve_prod.gunicorn_keepalive``)."""
    monkeypatch.delenv("GUNICORN_KEEPALIVE", raising=False)
    argv = serve_prod.gunicorn_argv("127.0.0.1:8000", 3)
    assert argv[argv.index("--keep-alive") + 1] == "0"
    monkeypatch.setenv("GUNICORN_KEEPALIVE", "5")
    argv = serve_prod.gunicorn_argv("127.0.0.1:8000", 3)
    assert argv[argv.index("--keep-alive") + 1] == "5"


def test_gunicorn_started_as_serve_prod_does_closes_the_connection(tmp_path, monkeypatch):
    """The real server, with the command line ``make serve-prod`` builds: its answer says
    ``Connection: close`` and the connection is closed, where HTTP/1.1 would keep it."""
    monkeypatch.delenv("GUNICORN_KEEPALIVE", raising=False)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    argv = serve_prod.gunicorn_argv(f"127.0.0.1:{port}", 1, 2)
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    server = subprocess.Popen(argv, cwd=serve_prod.ROOT, env=env, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                connection.request("GET", "/static/css/app.css")
                break
            except ConnectionRefusedError:
                assert server.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
        response = connection.getresponse()
        assert response.status == 200 and response.read()
        assert response.getheader("Connection") == "close"
        assert response.will_close  # http.client drops the socket: the next request reconnects
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.parametrize(("value", "expected"), [(None, "50000 True"), ("0", "700 False")])
def test_the_served_app_collects_cycles_less_often(value, expected):
    """The WSGI module, as a gunicorn worker imports it, freezes what is loaded and raises the
    youngest generation's threshold (``iscm_tracker/gc_tuning.py``); ``GC_GEN0_THRESHOLD=0``
    keeps Python's defaults."""
    env = {k: v for k, v in os.environ.items() if k != "GC_GEN0_THRESHOLD"}
    if value is not None:
        env["GC_GEN0_THRESHOLD"] = value
    code = "import gc, iscm_tracker.wsgi; print(gc.get_threshold()[0], gc.get_freeze_count() > 0)"
    result = subprocess.run([sys.executable, "-c", code], cwd=serve_prod.ROOT, env=env,
                            capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
