"""Shared pieces of the benchmark harness: a throwaway site (database, settings), gunicorn
servers on loopback ports, and small HTTP helpers. Nothing here talks to anything but 127.0.0.1.
"""

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
RESULTS = ROOT / "bench" / "results"
# The PostgreSQL server and Redis the --db postgres / --two-instances runs use (a scratch
# database is created on the server and dropped afterwards; Redis gets its own db number).
POSTGRES_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/")
REDIS_URL = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/7")


def scratch_postgres_url(name: str) -> str:
    return f"{POSTGRES_SERVER}/carsite_{name}_{os.getpid()}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Site:
    """A production-like configuration of the site on a scratch database."""

    def __init__(
        self, *, database_url: str = "", redis_url: str = "", extra_env: dict | None = None
    ):
        self.tmp = Path(tempfile.mkdtemp(prefix="carsite-bench-"))
        self.database_url = database_url
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "carsite.settings",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_DEBUG": "false",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",  # testserver: in-process checks
            "SQLITE_PATH": str(self.tmp / "bench.sqlite3"),
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "MEDIA_ROOT": str(self.tmp / "media"),
            "LOG_LEVEL": "WARNING",
            # Load generators post from one address as fast as they can: not what the abuse
            # limits are for. They stay on in `make test`.
            "CALLBACK_RATE_PER_MINUTE": "1000000",
            "CALLBACK_RATE_PER_DAY": "1000000",
            "CALLBACK_MIN_FILL_SECONDS": "0",
            **(extra_env or {}),
        }

    def manage(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            check=check,
            capture_output=True,
            text=True,
        )

    def prepare(self) -> "Site":
        if self.database_url.startswith("postgres"):
            _recreate_postgres_database(self.database_url)
        self.manage("migrate", "--noinput")
        self.manage("load_demo", "--verbosity", "0")
        self.manage("setup_roles", "--verbosity", "0")
        return self

    def cleanup(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)
        if self.database_url.startswith("postgres"):
            with contextlib.suppress(Exception):
                _drop_postgres_database(self.database_url)


def _pg_admin(url: str):
    import psycopg

    parts = urllib.parse.urlsplit(url)
    admin_url = parts._replace(path="/postgres").geturl()
    return psycopg.connect(admin_url, autocommit=True), parts.path.lstrip("/")


def _recreate_postgres_database(url: str) -> None:
    conn, name = _pg_admin(url)
    with conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _drop_postgres_database(url: str) -> None:
    conn, name = _pg_admin(url)
    with conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Server:
    """gunicorn serving the site on a loopback port, started and stopped by this process."""

    def __init__(self, site: Site, *, workers: int = 2, port: int | None = None):
        self.site = site
        self.workers = workers
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(site.tmp / f"gunicorn-{self.port}.log", "w")  # noqa: SIM115
        self.process: subprocess.Popen | None = None

    def start(self) -> "Server":
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "carsite.wsgi",
                "-c",
                "carsite/gunicorn.py",
                "--no-control-socket",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--access-logfile",
                "/dev/null",
            ],  # fmt: skip
            cwd=ROOT,
            env=self.site.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                if get(self.url + "/ping").status == 200:
                    return self
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log.name}")
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer in 30 s; see {self.log.name}")

    def worker_pids(self) -> list[int]:
        out = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True)
        return [int(pid) for pid in out.stdout.split()]

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        self.log.close()


class Response:
    def __init__(self, status: int, headers, body: bytes, url: str):
        self.status, self.headers, self.body, self.url = status, headers, body, url


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def opener(cookies: CookieJar | None = None):
    handlers = [_NoRedirect()]
    if cookies is not None:
        handlers.append(urllib.request.HTTPCookieProcessor(cookies))
    return urllib.request.build_opener(*handlers)


def get(url: str, *, headers: dict | None = None, open_=None, timeout: float = 30) -> Response:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with (open_ or opener()).open(request, timeout=timeout) as resp:
            return Response(resp.status, resp.headers, resp.read(), resp.url)
    except urllib.error.HTTPError as exc:
        return Response(exc.code, exc.headers, exc.read(), url)


def post(url: str, data: dict, *, open_, referer: str, timeout: float = 60) -> Response:
    body = urllib.parse.urlencode(data, doseq=True).encode()
    request = urllib.request.Request(url, data=body, headers={"Referer": referer}, method="POST")
    try:
        with open_.open(request, timeout=timeout) as resp:
            return Response(resp.status, resp.headers, resp.read(), resp.url)
    except urllib.error.HTTPError as exc:
        return Response(exc.code, exc.headers, exc.read(), url)


FORM_FIELDS = {
    "csrfmiddlewaretoken": re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"'),
    "submission_token": re.compile(r'name="submission_token" value="([^"]+)"'),
    "shown_at": re.compile(r'name="shown_at" value="([^"]+)"'),
}


def callback_form(base_url: str, *, phone_suffix: int = 0):
    """Open the form like a browser (cookies, hidden fields) and return (opener, data)."""
    cookies = CookieJar()
    open_ = opener(cookies)
    page = get(base_url + "/request-a-call-back/", open_=open_)
    html = page.body.decode()
    data = {name: pattern.search(html).group(1) for name, pattern in FORM_FIELDS.items()}
    data |= {
        "asker": "parent",
        "topic": "is_cart_an_option",
        "patient_age": "9",
        "diagnosis": "b_all",
        "relapsed": "yes",
        "name": "Bench Family",
        # Every form another family's (dialable) number: the same number within a week would
        # be added to the first request instead of making one (CALLBACK_DUPLICATE_DAYS).
        "phone": f"+1215{200 + phone_suffix // 10_000 % 800}{phone_suffix % 10_000:04d}",
        "language": "en",
        "consent_call": "on",
    }
    return open_, data


def write_json(name: str, payload: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(payload, indent=2, default=str))
    return path


def say(*args) -> None:
    print(*args, flush=True, file=sys.stdout)
