"""Two small middlewares for what Django has no setting for."""

import time

from django.conf import settings
from django.contrib.auth import logout

# Every powerful browser feature off: no page of this site needs a camera, a location or a sensor.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "ambient-light-sensor", "autoplay", "battery", "bluetooth", "camera",
        "display-capture", "encrypted-media", "fullscreen", "geolocation", "gyroscope", "hid",
        "idle-detection", "interest-cohort", "magnetometer", "microphone", "midi", "payment",
        "picture-in-picture", "publickey-credentials-get", "screen-wake-lock", "serial", "usb",
        "xr-spatial-tracking",
    )
)  # fmt: skip


class SecurityHeadersMiddleware:
    """Permissions-Policy and Cross-Origin-Resource-Policy on every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


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
