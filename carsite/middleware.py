"""Security headers Django has no setting for, on pages and static files alike, the staff
session's lifetime, and a clear 400 for form posts Django cannot decode."""

import functools
import time

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponseBadRequest
from django_permissions_policy import PermissionsPolicyMiddleware

# On every response: pages (SecurityHeadersMiddleware) and static files (static_file_headers).
# Permissions-Policy comes from settings.PERMISSIONS_POLICY (django-permissions-policy's
# middleware on pages, the same value here on static files).
SECURITY_HEADERS = {"Cross-Origin-Resource-Policy": "same-origin"}
# A static file is never a document that runs or embeds anything: CSS, scripts and images apply
# the policy of the page that loads them, so a file opened on its own may do nothing at all.
STATIC_CSP = "default-src 'none'; frame-ancestors 'none'"


class SecurityHeadersMiddleware:
    """SECURITY_HEADERS on every response Django renders."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response


def static_file_headers(headers, path: str, url: str) -> None:
    """WHITENOISE_ADD_HEADERS_FUNCTION. WhiteNoise answers for /static/ straight after
    SecurityMiddleware (which still adds HSTS, nosniff, Referrer-Policy and COOP on the way out),
    so the middlewares below it never see these responses: their headers are added here."""
    headers["Content-Security-Policy"] = STATIC_CSP
    headers["X-Frame-Options"] = settings.X_FRAME_OPTIONS
    headers["Permissions-Policy"] = permissions_policy()
    for name, value in SECURITY_HEADERS.items():
        headers[name] = value


@functools.cache
def permissions_policy() -> str:
    return PermissionsPolicyMiddleware.compute_header_value(
        settings.PERMISSIONS_POLICY, name="PERMISSIONS_POLICY"
    )


class SessionLifetimeMiddleware:
    """Staff sessions end after SESSION_COOKIE_AGE idle seconds (the cookie is refreshed on each
    request) and, whatever the activity, SESSION_MAX_LIFETIME seconds after signing in."""

    KEY = "_signed_in_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            signed_in_at = request.session.setdefault(self.KEY, time.time())
            if time.time() - signed_in_at > settings.SESSION_MAX_LIFETIME:
                logout(request)
        return self.get_response(request)


FORM_ENCODING_REFUSED = (
    "This form could not be read: it was not sent as UTF-8. Please go back and send it again "
    "from the page (every current browser sends UTF-8)."
)


class FormEncodingMiddleware:
    """A urlencoded form post in a charset other than UTF-8 gets a plain 400 here. Django raises
    BadRequest for it when the CSRF check reads the body, and its 400 handler then reads the body
    again (for a CSRF token) and fails: a bare 500, with a traceback, on every URL."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
            charset = request.content_params.get("charset", "utf-8")
            if charset.strip().lower().replace("_", "-") not in {"utf-8", "utf8"}:
                return HttpResponseBadRequest(
                    FORM_ENCODING_REFUSED, content_type="text/plain; charset=utf-8"
                )
        return self.get_response(request)
