"""Nothing leaves the site, and the Content Security Policy blocks nothing we ship: a real browser
crawls every public page and, as a superuser, the admin, and records every request to another
origin, every CSP complaint in the console, and every script error."""

import uuid
from io import StringIO
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from tests.e2e.conftest import DESKTOP, staff_sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-test-password"
CSP_WORDS = ("Content Security Policy", "Refused to")


class Recorder:
    """Listens to one page: foreign requests, CSP console messages, script errors."""

    def __init__(self, page, origin: str):
        self.origin = origin
        self.current = ""
        self.foreign: list[str] = []
        self.csp: list[str] = []
        self.errors: list[str] = []
        page.on("request", self.on_request)
        page.on("console", self.on_console)
        page.on("pageerror", lambda error: self.errors.append(f"{self.current}: {error}"))

    def on_request(self, request):
        parts = urlsplit(request.url)
        # data: and blob: URLs are not network requests (the enrolment QR code is a data: image).
        if parts.scheme in ("http", "https", "ws", "wss") and f"{parts.scheme}://{parts.netloc}" != self.origin:  # fmt: skip
            self.foreign.append(f"{self.current}: {request.method} {request.url}")

    def on_console(self, message):
        if any(word in message.text for word in CSP_WORDS):
            self.csp.append(f"{self.current}: [{message.type}] {message.text}")

    def visit(self, page, url: str):
        self.current = url
        response = page.goto(url)
        page.wait_for_load_state("networkidle")
        return response

    def assert_clean(self):
        assert self.foreign == [], "\n".join(self.foreign)
        assert self.csp == [], "\n".join(self.csp)
        assert self.errors == [], "\n".join(self.errors)


def same_origin_links(page, origin: str, selector: str) -> list[str]:
    hrefs = page.eval_on_selector_all(selector, "links => links.map(a => a.getAttribute('href'))")
    found = []
    for href in hrefs:
        url = urljoin(page.url, href)
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" == origin and url not in found:
            found.append(url.split("#")[0])
    return found


def public_paths() -> list[str]:
    """Every published page and every tool, in English and Spanish, and a confirmation page."""
    from inquiries.services import callback_request_create
    from programs.models import Page, Program
    from tests.inquiries.test_admin import VALID

    request, _ = callback_request_create(
        program=Program.objects.get(), submission_token=uuid.uuid4(), data=VALID
    )
    paths = []
    for language in ("en", "es"):
        with translation.override(language):
            paths += [reverse("programs:home")]
            paths += [page.get_absolute_url() for page in Page.objects.published()]
            paths += [
                reverse("programs:family_guide"),
                reverse("inquiries:checklist"),
                reverse("inquiries:callback_sent"),  # the checklist's result is posted now
                reverse("programs:search"),
                reverse("programs:search") + "?q=fever",
                reverse("inquiries:callback_create"),
                reverse("inquiries:callback_thanks", kwargs={"reference": request.reference}),
            ]
    return paths


@pytest.mark.parametrize("viewport", [DESKTOP], ids=["desktop"], indirect=True)
def test_public_pages_load_nothing_from_elsewhere_and_break_no_csp(live_server, page, demo_program):
    from programs.models import Page

    origin = live_server.url
    recorder = Recorder(page, origin)
    recorder.visit(page, origin + "/")
    pages = [origin + path for path in public_paths()]
    # ...and whatever the header, menu and footer link to, in case a link leads off the list.
    pages += same_origin_links(page, origin, "header a[href], nav a[href], footer a[href]")
    visited = []
    for url in dict.fromkeys(pages):
        response = recorder.visit(page, url)
        assert response.status == 200, (url, response.status)
        visited.append(url)
    assert len(visited) >= 2 * (Page.objects.published().count() + 8), visited
    recorder.assert_clean()


@pytest.fixture
def superuser(demo_program):
    from inquiries.services import callback_request_create
    from programs.models import Program
    from tests.inquiries.test_admin import VALID

    call_command("setup_roles", stdout=StringIO())
    callback_request_create(
        program=Program.objects.get(), submission_token=uuid.uuid4(), data=VALID
    )
    return get_user_model().objects.create_superuser("root", "root@example.org", PASSWORD)


def _superuser_request():
    request = RequestFactory().get("/")
    request.user = get_user_model().objects.filter(is_superuser=True).first()
    return request


def admin_pages() -> list[str]:
    """The index, every changelist and add page, a change and history page of each model with
    rows, the page preview, the callback report and the routing try-out."""
    from programs.models import Page

    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        urls.append(reverse("admin:{}_{}_changelist".format(*info)))
        if model._meta.model_name == "reviewduepage":
            row = Page.objects.due_for_review().first()
        else:
            row = model._default_manager.order_by("pk").first()
        if row is not None:
            urls.append(reverse("admin:{}_{}_change".format(*info), args=[row.pk]))
            urls.append(reverse("admin:{}_{}_history".format(*info), args=[row.pk]))
        if admin.site._registry[model].has_add_permission(_superuser_request()):
            urls.append(reverse("admin:{}_{}_add".format(*info)))
    page = Page.objects.order_by("pk").first()
    urls += [
        reverse("admin:programs_page_preview", args=[page.pk]),
        reverse("admin:inquiries_callbackrequest_report"),
        reverse("admin:inquiries_routingrule_try"),
    ]
    return urls


ADMIN_PARTS = 3  # the crawl takes over a minute: in parts, parallel test workers share it


@pytest.mark.parametrize("viewport", [DESKTOP], ids=["desktop"], indirect=True)
@pytest.mark.parametrize(
    "part", range(ADMIN_PARTS), ids=lambda n: f"pages {n + 1} of {ADMIN_PARTS}"
)
def test_the_admin_loads_nothing_from_elsewhere_and_breaks_no_csp(
    live_server, page, superuser, part
):
    recorder = Recorder(page, live_server.url)
    recorder.current = "sign-in"
    staff_sign_in(page, live_server, superuser, PASSWORD)
    for path in admin_pages()[part::ADMIN_PARTS]:
        response = recorder.visit(page, live_server.url + path)
        assert response.status == 200, (path, response.status)
    recorder.assert_clean()


@pytest.mark.parametrize("viewport", [DESKTOP], ids=["desktop"], indirect=True)
def test_first_sign_in_with_its_qr_code_breaks_no_csp(live_server, page, demo_program):
    """The enrolment page shows the QR code as a data: image; the policy allows exactly that."""
    get_user_model().objects.create_user("new", password=PASSWORD, is_staff=True)
    recorder = Recorder(page, live_server.url)
    recorder.visit(page, live_server.url + reverse("admin:login"))
    page.get_by_label("Username").fill("new")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Next").click()
    page.wait_for_load_state("networkidle")
    qr = page.get_by_role("img", name="QR code to add this account to an authenticator app")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    recorder.assert_clean()


@pytest.mark.parametrize("viewport", [DESKTOP], ids=["desktop"], indirect=True)
def test_the_admin_index_review_alert_breaks_no_csp(live_server, page, superuser):
    from programs.models import Page

    never_reviewed = Page.objects.filter(needs_review=True).order_by("pk").first()
    Page.objects.filter(pk=never_reviewed.pk).update(reviewed_at=None, review_due=None)
    recorder = Recorder(page, live_server.url)
    recorder.current = "sign-in"
    staff_sign_in(page, live_server, superuser, PASSWORD)
    recorder.visit(page, live_server.url + reverse("admin:index"))
    assert page.get_by_role("heading", name="Medical review").is_visible()
    recorder.assert_clean()
