"""`make run`'s last lines (the address and the demo logins) and where its e-mails go."""

import io
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parent.parent


def test_banner_waits_for_the_server_then_prints_the_address_and_logins():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        out = io.StringIO()
        call_command(
            "run_banner",
            url=f"http://127.0.0.1:{port}/",
            password="pw-123",
            mail_dir="/tmp/mail",
            stdout=out,
        )
    text = out.getvalue()
    assert f"http://127.0.0.1:{port}/" in text and "password: pw-123" in text
    for username in ("facilitator", "member-au", "secretariat", "observer"):
        assert re.search(rf"^\s+{username}\s", text, re.M)
    assert text.rstrip().splitlines()[-1].startswith("====")  # the block closes the output
    assert "/tmp/mail" in text


def test_banner_gives_up_when_nothing_listens():
    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    out, err = io.StringIO(), io.StringIO()
    call_command("run_banner", url=f"http://127.0.0.1:{port}/", timeout=0.5, stdout=out, stderr=err)
    assert out.getvalue() == "" and "did not start" in err.getvalue()


def _settings_with(env: dict) -> str:
    code = (
        "import os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'iscm_tracker.settings');"
        "from django.conf import settings;"
        "print(settings.EMAIL_BACKEND); print(getattr(settings, 'EMAIL_FILE_PATH', ''))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("EMAIL_")}
    result = subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, cwd=ROOT,
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return result.stdout


def test_settings_write_e_mails_to_files_when_make_run_asks():
    backend = "django.core.mail.backends.filebased.EmailBackend"
    out = _settings_with({"EMAIL_BACKEND": backend, "EMAIL_FILE_PATH": "/tmp/iscm-mail"})
    assert out.split() == [backend, "/tmp/iscm-mail"]
    assert _settings_with({}).split()[0] == "django.core.mail.backends.console.EmailBackend"


def test_make_run_sends_e_mails_to_files_and_ends_with_the_banner():
    makefile = (ROOT / "Makefile").read_text()
    run = makefile[makefile.index("\nrun:") : makefile.index("\ntest:")]
    assert "filebased.EmailBackend" in run and "var/mail" in run
    assert run.rindex("run_banner") > run.index("manage.py worker")
    assert "--quiet-logins" in run  # the logins are printed once, last


def test_make_run_refuses_a_port_in_use():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        try:
            call_command("run_banner", url=f"http://127.0.0.1:{port}/", check_free=True)
        except CommandError as error:
            assert f"127.0.0.1:{port}" in str(error) and "PORT=" in str(error)
        else:
            raise AssertionError("a port in use was not refused")
    call_command("run_banner", url=f"http://127.0.0.1:{port}/", check_free=True)  # free again
    makefile = (ROOT / "Makefile").read_text()
    run = makefile[makefile.index("\nrun:") : makefile.index("\ntest:")]
    assert run.index("--check-free") < run.index("migrate") < run.index("runserver")


def test_banner_names_the_mail_folder_only_when_mail_goes_to_files(settings):
    from guidelines.management.commands.run_banner import FILE_BACKEND, mail_folder

    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    settings.EMAIL_FILE_PATH = "/tmp/iscm-mail"
    assert mail_folder() == ""
    settings.EMAIL_BACKEND = FILE_BACKEND
    assert mail_folder() == "/tmp/iscm-mail"
