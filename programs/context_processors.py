"""Every template's `chrome` (programs.chrome: the program, menu, footer, notices, warning signs)
and its `program`, loaded lazily: a page costs no query for them once the chrome is cached."""

from django.utils.functional import SimpleLazyObject

from programs.chrome import get_chrome


def site(request) -> dict:
    chrome = SimpleLazyObject(lambda: get_chrome(request))
    return {"chrome": chrome, "program": SimpleLazyObject(lambda: chrome.program)}
