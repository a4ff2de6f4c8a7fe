"""Fixtures for the whole suite.

The demo program (`manage.py load_demo`, about 2 s) is loaded once per session, into the test
database straight after the migrations (per xdist worker: each has its own database), and every
test sees exactly the database it asks for:

- a test that asks for `demo_program` gets the demo as `make run` loads it;
- any other database test gets the empty, migrated database: the demo's rows are deleted inside
  its transaction (a few DELETEs, rolled back with the test), so factories, row counts, the one
  default program and load_demo's own tests start from nothing, as before.

Transactional tests (live_server, `transaction=True`) commit, and Django empties every table after
each; `demo_program` then puts the session's demo rows back as they were. pytest-django runs them
after the other database tests (in each xdist worker too), so those keep the session's copy.
"""

import fcntl
import importlib.util
import itertools
import os
import subprocess
import sys
from io import StringIO
from types import ModuleType
from unittest import mock

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.core import serializers
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from inquiries import views as inquiries_views
from programs import chrome
from programs.models import Program
from tests.factories import ProgramFactory

# Filled once per session by django_db_setup: the demo program's slug, the models whose tables
# it fills, and those rows serialized (to put them back after a transactional test's flush).
DEMO = {"slug": "", "models": [], "rows": []}
# What makes a test a database test (besides the django_db marker).
DB_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}


def _load_demo_once() -> None:
    tables = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]
    migrated = {  # rows the migrations made (content types, permissions): they must stay as is
        model: list(model._base_manager.order_by("pk").values_list())
        for model in tables
        if model._base_manager.exists()
    }
    call_command("load_demo", verbosity=0)
    for model, rows in migrated.items():
        if list(model._base_manager.order_by("pk").values_list()) != rows:
            raise RuntimeError(
                f"load_demo changed {model._meta.db_table}, which the migrations fill: the tests "
                "that expect an empty database could no longer be given one (tests/conftest.py)."
            )
    DEMO["models"] = [m for m in tables if m not in migrated and m._base_manager.exists()]
    DEMO["rows"] = serializers.serialize(  # "python": exact, to the microsecond
        "python", itertools.chain(*(m._base_manager.order_by("pk") for m in DEMO["models"]))
    )
    DEMO["slug"] = Program.objects.get().slug


def _hide_demo() -> None:
    """Delete the demo's rows. In a plain test this runs inside its transaction, and the rollback
    brings them back; a transactional test commits it (its flush would empty them anyway).
    Plain DELETEs, no signals (no history rows, no content version bump); the foreign keys are
    checked at the end of the transaction, so the order does not matter."""
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        for model in DEMO["models"]:
            cursor.execute(f"DELETE FROM {quote(model._meta.db_table)}")


def _restore_demo() -> None:
    """The session's demo rows again, as they were (raw saves, as loaddata makes them: no
    signals, no new history), then the id sequences moved past them: 0.2 s, where load_demo
    takes 2 s (it sanitizes every text and computes reading levels)."""
    with transaction.atomic(), connection.cursor() as cursor:
        for row in serializers.deserialize("python", DEMO["rows"]):
            row.save()
        for sql in connection.ops.sequence_reset_sql(no_style(), DEMO["models"]):
            cursor.execute(sql)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database (migrated), then the demo program, once."""
    with django_db_blocker.unblock():
        _load_demo_once()


@pytest.fixture(autouse=True)
def _demo_only_when_asked(request):
    uses_db = request.node.get_closest_marker("django_db") or DB_FIXTURES & set(
        request.fixturenames
    )
    if uses_db and "demo_program" not in request.fixturenames:
        request.getfixturevalue("db")
        _hide_demo()


@pytest.fixture
def demo_program(db) -> Program:
    """The fictional demo program (what `make run` loads): its pages, team, lines with their
    hours, coordinators, routing rules, families' content and notice."""
    if not Program.objects.filter(slug=DEMO["slug"]).exists():
        _restore_demo()  # a transactional test before this one emptied the tables
    return Program.objects.get(slug=DEMO["slug"])


@pytest.fixture(scope="session")
def static_collected(tmp_path_factory, worker_id):
    """`manage.py collectstatic`, as `make static` and a deploy run it: for the tests that start
    servers with production's manifest storage, which answers 500 for any page whose static
    files were never collected. Once per run: xdist workers share it, one at a time."""
    shared = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        shared = shared.parent  # this run's directory, above each worker's own
    with open(shared / "collectstatic.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = shared / "collectstatic.done"
        if not done.exists():
            result = subprocess.run(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
                cwd=django_settings.BASE_DIR,
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert result.returncode == 0, result.stdout + result.stderr
            done.touch()


@pytest.fixture
def staff_groups(db):
    """The staff groups and their permissions, as `manage.py setup_roles` makes them."""
    call_command("setup_roles", stdout=StringIO())


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    # Manifest storage needs collectstatic first; renders in tests use plain static URLs.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # WhiteNoise reads STATIC_ROOT when a client starts: not whatever `make static` (or a server
    # test's collectstatic in another worker, at this very moment) left in the working tree.
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.CARSITE_PROGRAM = ""
    settings.CALLBACK_MIN_FILL_SECONDS = 0  # test clients post at once; the bot test sets it
    settings.CALLBACK_RATE_LIMITS = [(10_000, 60)]  # the rate-limit tests set their own
    cache.clear()
    chrome._process_chrome.clear()  # each test's database starts again at the same version
    inquiries_views._blank_form_fields.clear()
    # A request to a Spanish (/es/) page leaves Spanish active in this thread; every test
    # starts in English, so reverse() and get_absolute_url() give the English addresses.
    translation.activate("en")


@pytest.fixture
def program(db):
    return ProgramFactory(is_default=True)


# Production's environment, as `make check-deploy` sets it (a throwaway 64-character key).
PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "production-like-test-key-" + "x" * 39,
    "DJANGO_ALLOWED_HOSTS": "cart.example.org",
    "DJANGO_HTTPS": "true",
    "DJANGO_CSRF_TRUSTED_ORIGINS": "https://cart.example.org",
    "SITE_URL": "https://cart.example.org",
    "DJANGO_DEBUG": "false",
    "EMAIL_HOST": "smtp.example.org",
}


def settings_module_under(environ: dict[str, str]) -> ModuleType:
    """carsite/settings.py run afresh with `environ` as the whole environment: a new module
    object, so the settings this test process runs with stay as they are."""
    spec = importlib.util.find_spec("carsite.settings")
    module = importlib.util.module_from_spec(spec)
    with mock.patch.dict(os.environ, environ, clear=True):
        spec.loader.exec_module(module)
    return module


def production_environ() -> dict[str, str]:
    """This process's environment without any DJANGO_ variable, plus production's."""
    kept = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return kept | PRODUCTION_ENV


@pytest.fixture
def production(settings):
    """Every setting that carsite/settings.py computes differently under production's
    environment (the HTTPS block, hosts, key), applied to this test. Email stays in the test
    outbox: production's MAILERS would connect to smtp.example.org."""
    module = settings_module_under(production_environ())
    running = settings_module_under(dict(os.environ))  # a fresh copy: Django's is mutated
    changed = {
        name: value
        for name, value in vars(module).items()
        if name.isupper() and name != "MAILERS" and value != getattr(running, name, None)
    }
    assert changed["SECURE_SSL_REDIRECT"] is True  # the HTTPS block did run
    for name, value in changed.items():
        setattr(settings, name, value)
    return settings


def verified_login(client, user):
    """Sign `user` in past both steps, as if they had typed their password and a code from
    their authenticator app. (The sign-in itself is tested in tests/test_staff_auth.py.)"""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "test"}
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def staff_client(client, admin_user):
    return verified_login(client, admin_user)


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin_client, past the second factor like every staff session."""
    return verified_login(client, admin_user)
