import pytest
from django.core.cache import cache
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from inquiries import views as inquiries_views
from programs import chrome
from tests.factories import ProgramFactory


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    # Manifest storage needs collectstatic first; renders in tests use plain static URLs.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
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
