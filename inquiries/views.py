from crispy_forms.layout import Submit
from crispy_forms.utils import render_crispy_form
from django.conf import settings
from django.db import OperationalError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from inquiries import ratelimit
from inquiries.checklist import checklist_result
from inquiries.forms import CallbackRequestForm, ChecklistForm
from inquiries.models import CallbackRequest
from inquiries.services import callback_request_create
from programs.chrome import get_chrome

MAX_BODY_BYTES = 20_000
MAX_FIELDS = 40
SAVE_FAILED = _(
    "Sorry, we could not save your request just now. Nothing was sent. "
    "Please try again in a minute, or call us."
)


@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def callback_create(request):
    program = get_chrome(request).program
    if program is None:
        raise Http404("No program is set up yet.")
    if request.method == "POST":
        if (
            int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES
            # Every value counts: a field repeated a thousand times is a thousand fields.
            or sum(len(request.POST.getlist(key)) for key in request.POST) > MAX_FIELDS
        ):
            return render(request, "inquiries/too_much.html", status=413)
        form = CallbackRequestForm(request.POST)
        try:
            if not ratelimit.is_allowed(
                request, scope="callback", limits=settings.CALLBACK_RATE_LIMITS
            ):
                return render(request, "inquiries/slow_down.html", status=429)
            is_valid = form.is_valid()
            # Bot traps before anything else, valid form or not: say nothing useful to a bot (not
            # even which answers were wrong), and keep nothing. The trap field can only have an
            # error, such as too long, when something filled it in.
            if form.is_bot() or form.has_error("website"):
                return redirect("inquiries:callback_sent")
            if is_valid:
                callback, _ = callback_request_create(
                    program=program,
                    submission_token=form.cleaned_data["submission_token"],
                    data=form.service_data(),
                )
                return redirect("inquiries:callback_thanks", reference=callback.reference)
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


@require_safe
def callback_thanks(request, reference: str):
    callback = get_object_or_404(
        CallbackRequest.objects.select_related("line", "coordinator", "program"),
        reference=reference,
    )
    return render(request, "inquiries/callback_thanks.html", {"callback": callback})


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
    form.helper.form_method = "post"
    form.helper.layout.fields[-1] = Submit("see", _("See what this usually means"))
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
