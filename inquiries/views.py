import datetime

from crispy_forms.utils import render_crispy_form
from django.conf import settings
from django.db import OperationalError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from inquiries import ratelimit, services
from inquiries.checklist import checklist_result
from inquiries.forms import CHECK_AND_SEND_AGAIN, CallbackRequestForm, ChecklistForm
from inquiries.models import CallbackRequest, DropReason
from inquiries.services import Received
from programs.chrome import get_chrome

# The browser that just sent a request: a form it sends again soon is added to that request.
SENT_COOKIE = "callback_sent"
SENT_COOKIE_AGE = 2 * 3600  # long enough for Back, fix, send again; short for a shared computer
MAX_BODY_BYTES = 20_000
MAX_FIELDS = 40
SAVE_FAILED = _(
    "Sorry, we could not save your request just now. Nothing was sent. "
    "Please try again in a minute, or call us."
)


def _too_much(request) -> bool:
    return (
        int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES
        # Every value counts: a field repeated a thousand times is a thousand fields.
        or sum(len(request.POST.getlist(key)) for key in request.POST) > MAX_FIELDS
    )


def _form_again(request, form, *, template: str, status: int, **context):
    """The family's form, every answer kept and a fresh time shown, to send again."""
    context = {"form": form.to_send_again(), **context}
    return render(request, template, context, status=status)


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def callback_create(request):
    program = get_chrome(request).program
    if program is None:
        raise Http404("No program is set up yet.")
    if request.method == "POST":
        if _too_much(request):
            services.dropped_post_count(reason=DropReason.TOO_LARGE)
            return render(request, "inquiries/too_much.html", status=413)
        form = CallbackRequestForm(request.POST)
        try:
            is_valid = form.is_valid()
            trap = form.trap_sprung()
            if trap == DropReason.HONEYPOT:
                # Only a bot fills in the invisible field: say nothing useful to it (not even
                # which answers were wrong), keep nothing, count it.
                services.dropped_post_count(reason=trap)
                return redirect("inquiries:callback_sent")
            if trap:
                # Sent very fast, or without a time we signed: maybe a bot, maybe a parent
                # with autofill. Never a fake "thank you": the form again, answers kept.
                services.dropped_post_count(reason=trap)
                return _form_again(
                    request, form, template="inquiries/callback_form.html", status=200,
                    check_again=CHECK_AND_SEND_AGAIN,
                )  # fmt: skip
            if is_valid:
                # Only accepted requests count toward the limit; mistakes never do.
                limits = settings.CALLBACK_RATE_LIMITS
                if ratelimit.limit_reached(request, scope="callback", limits=limits):
                    services.dropped_post_count(reason=DropReason.RATE_LIMITED)
                    return _form_again(
                        request, form, template="inquiries/slow_down.html", status=429
                    )
                callback, received = services.callback_request_receive(
                    program=program,
                    submission_token=form.cleaned_data["submission_token"],
                    data=form.service_data(),
                    browser_reference=request.get_signed_cookie(
                        SENT_COOKIE, default="", salt=SENT_COOKIE, max_age=SENT_COOKIE_AGE
                    ),
                    on_saved=lambda: ratelimit.count(request, scope="callback", limits=limits),
                )
                thanks = reverse("inquiries:callback_thanks", args=[callback.reference])
                response = redirect(thanks + ("?added=1" if received is Received.ADDED else ""))
                # Back, fix, send again from this browser: added to this request, not a second.
                response.set_signed_cookie(
                    SENT_COOKIE,
                    callback.reference,
                    salt=SENT_COOKIE,
                    max_age=SENT_COOKIE_AGE,
                    httponly=True,
                    samesite="Lax",
                    secure=settings.CSRF_COOKIE_SECURE,
                )
                return response
        except OperationalError:
            # The database is locked or away beyond its timeout: never claim success, keep
            # every answer in the form, and give the number to call.
            context = {"form": form, "save_failed": SAVE_FAILED}
            return render(request, "inquiries/callback_form.html", context, status=503)
    else:
        initial = CallbackRequestForm.initial_from(request.GET)
        form = CallbackRequestForm(initial=initial)
        if initial.keys() == {"submission_token", "shown_at"}:
            # A blank form: its fields are the same for everyone reading this language.
            context = {"form": form, "fields_html": blank_form_fields()}
            return render(request, "inquiries/callback_form.html", context)
    return render(request, "inquiries/callback_form.html", {"form": form})


@sensitive_post_parameters()
@never_cache
def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the security cookie was missing (blocked or cleared) or stale. A
    callback form comes back filled in from the POST with a fresh token, ready to send again;
    any other page says what happened in the family's language, with our number."""
    try:
        on_callback_form = resolve(request.path_info).view_name == "inquiries:callback_create"
    except Resolver404:
        on_callback_form = False
    if (
        on_callback_form
        and request.method == "POST"
        and get_chrome(request).program is not None
        and not _too_much(request)
    ):
        services.dropped_post_count(reason=DropReason.CSRF)
        form = CallbackRequestForm(request.POST)
        return _form_again(request, form, template="inquiries/csrf_failure.html", status=403)
    return render(request, "inquiries/csrf_failure_page.html", status=403)


_blank_form_fields: dict[str, str] = {}


def blank_form_fields() -> str:
    """The crispy-rendered fields of a blank callback form in the current language, rendered
    once per process (crispy takes ~15 ms a form; the form is code, so a deploy renews it).
    The per-request parts (CSRF token, one-time token, time shown) are not in it."""
    language = get_language()
    if language not in _blank_form_fields:
        form = CallbackRequestForm(initial={"submission_token": "", "shown_at": ""})
        _blank_form_fields[language] = render_crispy_form(form)
    return _blank_form_fields[language]


@require_safe
def callback_sent(request):
    """Where dropped bot submissions land: nothing was saved, and nothing here says so."""
    return render(request, "inquiries/callback_sent.html")


@never_cache  # Cache-Control: no-store: a shared computer's Back button shows nothing
@require_safe
def callback_thanks(request, reference: str):
    """The confirmation: the reference and the request's state, honestly, and nothing the
    family typed (anyone holding the link can open it) but the last 4 digits of the number we
    will call. Once closed, the reference and its state only; gone after
    CALLBACK_CONFIRMATION_DAYS."""
    callback = get_object_or_404(
        CallbackRequest.objects.select_related("line", "coordinator", "program"),
        reference=reference,
    )
    expires = callback.received_at + datetime.timedelta(days=settings.CALLBACK_CONFIRMATION_DAYS)
    if timezone.now() >= expires:
        return render(request, "inquiries/callback_expired.html", status=410)
    context = {"callback": callback, "added": request.GET.get("added") == "1"}
    return render(request, "inquiries/callback_thanks.html", context)


@never_cache  # it carries a CSRF token; the answers never reach a cache, a log or a URL
@require_http_methods(["GET", "HEAD", "POST"])
def checklist(request):
    """The answers are posted, never sent in a URL (which proxies log and the next click sends
    as Referer): the result is computed on the same request, and nothing is stored. "Ask us to
    call you back" posts them again, and gets the callback form with them filled in."""
    program = get_chrome(request).program
    if program is None:
        raise Http404("No program is set up yet.")
    form = ChecklistForm(request.POST if request.method == "POST" else None)
    context = {"form": form}
    if form.is_valid():
        result = checklist_result(
            program=program, answers=form.answers(), language=get_language()[:2]
        )
        if request.POST.get("then") == "callback":
            initial = CallbackRequestForm.initial_from(result.callback_prefill)
            callback_form = CallbackRequestForm(initial=initial)
            return render(request, "inquiries/callback_form.html", {"form": callback_form})
        context |= {"result": result, "answers": form.cleaned_data}
    return render(request, "inquiries/checklist.html", context)
