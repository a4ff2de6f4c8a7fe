"""Staff sign-in with a second factor, for the whole admin.

Step 1: username and password (django-axes locks a username at an address after 5 failures).
Before any password is checked, each address may post the password step only
STAFF_SIGN_IN_RATE_LIMITS times: hashing a password costs real CPU (for made-up usernames too),
so without a limit anyone could slow the families' pages, which share the workers.
Step 2: a 6-digit code from an authenticator app (django-otp TOTP), or one of the backup codes.
A staff member without an authenticator yet sets one up right there: scan the QR code, type a
code to confirm, and keep the 10 backup codes shown once. Until step 2 is done, the session is
"password only", and the admin site lets it reach no page at all (StaffAdminSite.has_permission).
"""

import base64
import textwrap

import segno
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME, login, logout
from django.contrib.auth.forms import AuthenticationForm
from django.http import QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from inquiries import ratelimit

BACKUP_CODES = 10
CODE_INVALID = "That code did not work. Check the time on your phone and try the newest code."
NOT_STAFF = "This account cannot use the staff site."


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        help_text="The 6-digit code from your authenticator app, or one of your backup codes.",
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()


class StaffAdminSite(admin.AdminSite):
    site_header = "CAR T program site"
    site_title = "CAR T program admin"
    index_title = "Site content and callback queue"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Deleting many rows at once is for the privacy officer only: models that allow it
        # (callback requests) add the action back for people with the delete permission.
        self.disable_action("delete_selected")

    def has_permission(self, request):
        """Staff, and past the second factor: a password alone opens no admin page."""
        user = request.user
        return user.is_active and user.is_staff and getattr(user, "is_verified", lambda: False)()

    def login(self, request, extra_context=None):
        return staff_login(request, self)


def _next_url(request, site) -> str:
    target = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME, "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse(f"{site.name}:index")


def _qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// link as an SVG picture, inline: nothing leaves the site."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


@sensitive_post_parameters("password", "code")
@csrf_protect
@never_cache
def staff_login(request, site):
    context = {**site.each_context(request), "title": "Sign in", "next": _next_url(request, site)}
    user = request.user
    if user.is_authenticated and not user.is_staff:
        logout(request)
        context["error"] = NOT_STAFF
        user = request.user
    if not user.is_authenticated:
        if request.method == "POST" and not ratelimit.is_allowed(
            request, scope="sign-in", limits=settings.STAFF_SIGN_IN_RATE_LIMITS
        ):
            return TemplateResponse(request, "admin/sign_in_limited.html", context, status=429)
        form = AuthenticationForm(request, data=request.POST or None)
        if request.method == "POST" and form.is_valid():
            if not form.get_user().is_staff:
                # Refused before login(): no session for an account that has no staff site.
                context["error"] = NOT_STAFF
            else:
                login(request, form.get_user())
                # Encoded: a `next` with its own query (a filtered queue) must survive intact.
                query = QueryDict(mutable=True)
                query[REDIRECT_FIELD_NAME] = context["next"]
                return redirect(f"{request.path}?{query.urlencode(safe='/')}")
        context |= {"form": form, "step": "password"}
        return TemplateResponse(request, "admin/staff_login.html", context)
    if user.is_verified():
        return redirect(context["next"])

    totp = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    form = CodeForm(request.POST or None)
    if totp is not None:
        if request.method == "POST" and form.is_valid():
            device = match_token(user, form.cleaned_data["code"])
            if device is not None:
                second_factor_login(request, device)
                return redirect(context["next"])
            form.add_error("code", CODE_INVALID)
        context |= {"form": form, "step": "code"}
        return TemplateResponse(request, "admin/staff_login.html", context)

    # First sign-in: set up the authenticator app.
    pending, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": "Authenticator app"}
    )
    if request.method == "POST" and form.is_valid():
        if pending.verify_token(form.cleaned_data["code"]):
            pending.confirmed = True
            pending.save()
            codes = backup_codes_create(user)
            second_factor_login(request, pending)
            context |= {"step": "backup_codes", "codes": codes}
            return TemplateResponse(request, "admin/staff_login.html", context)
        form.add_error("code", CODE_INVALID)
    context |= {
        "form": form,
        "step": "enrol",
        "qr": _qr_data_uri(pending),
        # For typing into the app by hand: base32, in groups of four.
        "key": " ".join(textwrap.wrap(base64.b32encode(pending.bin_key).decode(), 4)),
    }
    return TemplateResponse(request, "admin/staff_login.html", context)


def second_factor_login(request, device) -> None:
    """Mark the session verified, under a new session key: a key seen before the second step
    (say, on a shared computer) is worth nothing after it."""
    otp_login(request, device)
    request.session.cycle_key()


def backup_codes_create(user) -> list[str]:
    """A fresh set of one-time backup codes (any old ones stop working)."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Backup codes")
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes
