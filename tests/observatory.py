"""A local stand-in for Mozilla's HTTP Observatory, to score our responses in tests.

It applies the Observatory's published scoring table (httpobs/docs/scoring.md, last updated
2024-02-27) to one Django test-client response: its headers, the cookies it sets and, for
Subresource Integrity, the <script> tags of its HTML. The rules follow the Observatory's own
analyzers (mozilla/http-observatory, httpobs/scanner/analyzer/headers.py and content.py).

What a single response cannot show is left out, and said so where it matters: the redirection
test (it needs a plain-http request to the host). The HSTS "preloaded" bonus (+5) is the
Observatory's for hosts on Chromium's preload list, which no test can see: score() gives it only
when the caller says the host is listed (hsts_preloaded=True), and then only for a header that
hstspreload.org accepts. A site that is merely eligible does not get it.
"""

import dataclasses
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

BASELINE = 100
# Bonuses count only when the score without them is an A (90) or better.
BONUS_THRESHOLD = 90

MODIFIERS = {
    # Content Security Policy
    "csp-implemented-with-no-unsafe-default-src-none": 10,
    "csp-implemented-with-no-unsafe": 5,
    "csp-implemented-with-unsafe-inline-in-style-src-only": 0,
    "csp-implemented-with-insecure-scheme-in-passive-content-only": -10,
    "csp-implemented-with-unsafe-eval": -10,
    "csp-implemented-with-insecure-scheme": -20,
    "csp-implemented-with-unsafe-inline": -20,
    "csp-not-implemented": -25,
    "csp-header-invalid": -25,
    # Cookies
    "cookies-secure-with-httponly-sessions-and-samesite": 5,
    "cookies-not-found": 0,
    "cookies-secure-with-httponly-sessions": 0,
    "cookies-without-secure-flag-but-protected-by-hsts": -5,
    "cookies-session-without-secure-flag-but-protected-by-hsts": -10,
    "cookies-without-secure-flag": -20,
    "cookies-samesite-flag-invalid": -20,
    "cookies-anticsrf-without-samesite-flag": -20,
    "cookies-session-without-httponly-flag": -30,
    "cookies-session-without-secure-flag": -40,
    # Cross-origin Resource Sharing
    "cross-origin-resource-sharing-not-implemented": 0,
    "cross-origin-resource-sharing-implemented-with-public-access": 0,
    "cross-origin-resource-sharing-implemented-with-restricted-access": 0,
    "cross-origin-resource-sharing-implemented-with-universal-access": -50,
    # Cross-Origin-Resource-Policy: reported, not scored
    "corp-implemented-with-same-origin": 0,
    "corp-implemented-with-same-site": 0,
    "corp-implemented-with-cross-origin": 0,
    "corp-not-implemented": 0,
    "corp-header-invalid": 0,
    # Referrer Policy
    "referrer-policy-private": 5,
    "referrer-policy-no-referrer-when-downgrade": 0,
    "referrer-policy-not-implemented": 0,
    "referrer-policy-unsafe": -5,
    "referrer-policy-header-invalid": -5,
    # HTTP Strict Transport Security
    "hsts-preloaded": 5,
    "hsts-implemented-max-age-at-least-six-months": 0,
    "hsts-implemented-max-age-less-than-six-months": -10,
    "hsts-not-implemented": -20,
    "hsts-not-implemented-no-https": -20,
    "hsts-header-invalid": -20,
    # Subresource Integrity
    "sri-implemented-and-all-scripts-loaded-securely": 5,
    "sri-implemented-and-external-scripts-loaded-securely": 5,
    "sri-not-implemented-but-all-scripts-loaded-from-secure-origin": 0,
    "sri-not-implemented-but-no-scripts-loaded": 0,
    "sri-not-implemented-response-not-html": 0,
    "sri-not-implemented-but-external-scripts-loaded-securely": -5,
    "sri-implemented-but-external-scripts-not-loaded-securely": -20,
    "sri-not-implemented-and-external-scripts-not-loaded-securely": -50,
    # X-Content-Type-Options
    "x-content-type-options-nosniff": 0,
    "x-content-type-options-not-implemented": -5,
    "x-content-type-options-header-invalid": -5,
    # X-Frame-Options
    "x-frame-options-implemented-via-csp": 5,
    "x-frame-options-allow-from-origin": 0,
    "x-frame-options-sameorigin-or-deny": 0,
    "x-frame-options-not-implemented": -20,
    "x-frame-options-header-invalid": -20,
}

DANGEROUSLY_BROAD = {"ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*"}  # fmt: skip
UNSAFE_INLINE = {"'unsafe-inline'", "data:"}
NONCES_HASHES = ("'sha256-", "'sha384-", "'sha512-", "'nonce-")
SIX_MONTHS = 15552000  # the Observatory's own "white lie" for 15768000
ONE_YEAR = 31536000
HTML_TYPES = {"text/html", "application/xhtml+xml"}


@dataclasses.dataclass(frozen=True)
class Page:
    """What the scorer reads from one response."""

    url: str
    headers: dict[str, str]  # lower-cased names
    cookies: dict  # name -> http.cookies.Morsel, as the response sets them
    body: str

    @classmethod
    def from_response(cls, response) -> "Page":
        request = response.wsgi_request
        content_type = response.get("Content-Type", "").split(";")[0].strip()
        body = response.content.decode("utf-8", "replace") if content_type in HTML_TYPES else ""
        return cls(
            url=request.build_absolute_uri(),
            headers={name.lower(): value for name, value in response.headers.items()},
            cookies=dict(response.cookies.items()),
            body=body,
        )

    @property
    def is_https(self) -> bool:
        return urlsplit(self.url).scheme == "https"


def parse_csp(policy: str) -> dict[str, set[str]]:
    policy = policy.replace("\r", "").replace("\n", "").strip()
    if len(policy) < len("img-src") - 1:
        raise ValueError("too short")
    csp: dict[str, set[str]] = {}
    for directive in policy.split(";"):
        entry = directive.strip().split(maxsplit=1)
        if not entry:
            continue
        name = entry[0]
        values = {source.lower() for source in entry[-1].split()} if len(entry) > 1 else {"'none'"}
        if name in csp:
            raise ValueError("repeated directive")
        csp[name] = values
    return csp


def content_security_policy(page: Page) -> str:
    if "content-security-policy" not in page.headers:
        return "csp-not-implemented"
    try:
        csp = parse_csp(page.headers["content-security-policy"])
    except ValueError:
        return "csp-header-invalid"
    default = csp.get("default-src")
    object_src = set(csp.get("object-src") or default or {"*"})
    script_src = set(csp.get("script-src") or default or {"*"})
    style_src = set(csp.get("style-src") or default or {"*"})
    # A nonce or hash makes browsers ignore 'unsafe-inline' (Observatory issues #88, #277).
    for sources in (script_src, style_src):
        if any(s.startswith(NONCES_HASHES) for s in sources):
            sources.discard("'unsafe-inline'")
    strict_dynamic = False
    if "'strict-dynamic'" in script_src:
        if not any(s.startswith(NONCES_HASHES) for s in script_src):
            return "csp-header-invalid"
        strict_dynamic = True
        script_src -= {s for s in script_src if s in DANGEROUSLY_BROAD or s == "'self'"}
        script_src.discard("'unsafe-inline'")
    passive = ("img-src", "media-src")
    active_sources = [
        source
        for name, sources in csp.items()
        if name not in passive and name != "script-src"
        for source in sources
    ] + list(script_src)
    passive_sources = [s for name in passive for s in csp.get(name, default or set())]

    result = None
    if script_src & (DANGEROUSLY_BROAD | UNSAFE_INLINE) or object_src & DANGEROUSLY_BROAD:
        result = "csp-implemented-with-unsafe-inline"
    if (
        not result
        and page.is_https
        and not strict_dynamic
        and any("http:" in s or "ftp:" in s for s in active_sources)
    ):
        result = "csp-implemented-with-insecure-scheme"
    if not result and (script_src | style_src) & {"'unsafe-eval'"}:
        result = "csp-implemented-with-unsafe-eval"
    if not result and page.is_https and any("http:" in s or "ftp:" in s for s in passive_sources):
        result = "csp-implemented-with-insecure-scheme-in-passive-content-only"
    if not result and style_src & (DANGEROUSLY_BROAD | UNSAFE_INLINE):
        result = "csp-implemented-with-unsafe-inline-in-style-src-only"
    if not result:
        # default-src 'none' and nothing else: additional sources would override 'none'.
        result = (
            "csp-implemented-with-no-unsafe-default-src-none"
            if default == {"'none'"}
            else "csp-implemented-with-no-unsafe"
        )
    return result


def strict_transport_security(page: Page, *, preloaded: bool = False) -> str:
    """`preloaded`: the host is on Chromium's HSTS preload list (the Observatory looks it up)."""
    if not page.is_https:
        return "hsts-not-implemented-no-https"
    header = page.headers.get("strict-transport-security")
    if header is None:
        return "hsts-not-implemented"
    if "," in header:  # sent twice
        return "hsts-header-invalid"
    max_age, subdomains, preload = None, False, False
    for parameter in (p.strip().lower() for p in header.split(";")):
        if parameter.startswith("max-age="):
            try:
                max_age = int(parameter[8:128])
            except ValueError:
                return "hsts-header-invalid"
        subdomains |= parameter == "includesubdomains"
        preload |= parameter == "preload"
    if not max_age:
        return "hsts-header-invalid"
    # Listed hosts only, and only with a header that hstspreload.org requires to stay listed
    # (a year or more, includeSubDomains, preload): eligibility alone earns nothing.
    if preloaded and max_age >= ONE_YEAR and subdomains and preload:
        return "hsts-preloaded"
    if max_age < SIX_MONTHS:
        return "hsts-implemented-max-age-less-than-six-months"
    return "hsts-implemented-max-age-at-least-six-months"


COOKIE_BADNESS = [
    "cookies-without-secure-flag-but-protected-by-hsts",
    "cookies-without-secure-flag",
    "cookies-session-without-secure-flag-but-protected-by-hsts",
    "cookies-samesite-flag-invalid",
    "cookies-anticsrf-without-samesite-flag",
    "cookies-session-without-httponly-flag",
    "cookies-session-without-secure-flag",
]


def cookies(page: Page, *, hsts_passes: bool) -> str:
    if not page.cookies:
        return "cookies-not-found"
    worst: str | None = None
    any_samesite = False

    def worse(result: str) -> None:
        nonlocal worst
        if worst is None or COOKIE_BADNESS.index(result) > COOKIE_BADNESS.index(worst):
            worst = result

    for name, morsel in page.cookies.items():
        secure = bool(morsel["secure"]) and page.is_https
        httponly = bool(morsel["httponly"])
        samesite = str(morsel["samesite"] or "").strip().lower()
        if samesite in ("lax", "strict") or (samesite == "none" and secure):
            any_samesite = True
        elif samesite:
            worse("cookies-samesite-flag-invalid")
        is_session = any(part in name.lower() for part in ("login", "sess"))
        is_anticsrf = "csrf" in name.lower()
        if not secure:
            worse(
                "cookies-without-secure-flag-but-protected-by-hsts"
                if hsts_passes
                else "cookies-without-secure-flag"
            )
        if is_anticsrf and not samesite:
            worse("cookies-anticsrf-without-samesite-flag")
        if is_session and not secure:
            worse(
                "cookies-session-without-secure-flag-but-protected-by-hsts"
                if hsts_passes
                else "cookies-session-without-secure-flag"
            )
        if is_session and not httponly:
            worse("cookies-session-without-httponly-flag")
    if worst:
        return worst
    return (
        "cookies-secure-with-httponly-sessions-and-samesite"
        if any_samesite
        else "cookies-secure-with-httponly-sessions"
    )


REFERRER_PRIVATE = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}
REFERRER_UNSAFE = {"origin", "origin-when-cross-origin", "unsafe-url"}


def referrer_policy(page: Page) -> str:
    header = page.headers.get("referrer-policy")
    if header is None:
        return "referrer-policy-not-implemented"
    valid = REFERRER_PRIVATE | REFERRER_UNSAFE | {"no-referrer-when-downgrade"}
    tokens = [t.strip() for t in header.lower().split(",") if t.strip() in valid]
    policy = tokens[-1] if tokens else None  # browsers use the last one they understand
    if policy in REFERRER_PRIVATE:
        return "referrer-policy-private"
    if policy == "no-referrer-when-downgrade":
        return "referrer-policy-no-referrer-when-downgrade"
    if policy in REFERRER_UNSAFE:
        return "referrer-policy-unsafe"
    return "referrer-policy-header-invalid"


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))


def scripts_in(html: str) -> list[dict[str, str | None]]:
    parser = _Scripts()
    parser.feed(html)
    return parser.scripts


SRI_BADNESS = [
    "sri-implemented-and-all-scripts-loaded-securely",
    "sri-implemented-and-external-scripts-loaded-securely",
    "sri-implemented-but-external-scripts-not-loaded-securely",
    "sri-not-implemented-but-external-scripts-loaded-securely",
    "sri-not-implemented-and-external-scripts-not-loaded-securely",
]


def _site(host: str) -> str:
    """The registrable part of a host, roughly (the Observatory uses the Public Suffix List)."""
    return ".".join((host or "").split(":")[0].split(".")[-2:])


def subresource_integrity(page: Page) -> str:
    content_type = page.headers.get("content-type", "").split(";")[0].strip()
    if content_type not in HTML_TYPES:
        return "sri-not-implemented-response-not-html"
    scripts = scripts_in(page.body)
    if not scripts:
        return "sri-not-implemented-but-no-scripts-loaded"
    own = urlsplit(page.url)
    result: str | None = None
    foreign = False

    def worse(candidate: str) -> None:
        nonlocal result
        if result is None or SRI_BADNESS.index(candidate) > SRI_BADNESS.index(result):
            result = candidate

    for script in scripts:
        if not script.get("src"):
            continue  # inline: governed by the CSP, not by SRI
        src = urlsplit(script["src"])
        integrity = script.get("integrity")
        relative_origin = not src.scheme and not src.netloc
        relative_protocol = not src.scheme and bool(src.netloc)
        same_site = _site(own.netloc) == _site(src.netloc)
        secure_origin = relative_origin or (same_site and not relative_protocol)
        secure_scheme = src.scheme == "https" or (relative_origin and own.scheme == "https")
        if not secure_origin:
            foreign = True
            if integrity and not secure_scheme:
                worse("sri-implemented-but-external-scripts-not-loaded-securely")
            elif not integrity and secure_scheme:
                worse("sri-not-implemented-but-external-scripts-loaded-securely")
            elif not integrity:
                worse("sri-not-implemented-and-external-scripts-not-loaded-securely")
        elif integrity and secure_scheme and result is None:
            # The Observatory grants the bonus for SRI on same-origin scripts too.
            result = "sri-implemented-and-all-scripts-loaded-securely"
    if result is None:
        return (
            "sri-implemented-and-external-scripts-loaded-securely"
            if foreign
            else "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"
        )
    return result


def x_content_type_options(page: Page) -> str:
    header = page.headers.get("x-content-type-options")
    if header is None:
        return "x-content-type-options-not-implemented"
    if header.strip().lower() == "nosniff":
        return "x-content-type-options-nosniff"
    return "x-content-type-options-header-invalid"


def x_frame_options(page: Page) -> str:
    try:
        csp = parse_csp(page.headers.get("content-security-policy", ""))
    except ValueError:
        csp = {}
    ancestors = csp.get("frame-ancestors")
    if ancestors and not ancestors & DANGEROUSLY_BROAD:
        return "x-frame-options-implemented-via-csp"
    header = page.headers.get("x-frame-options")
    if header is None:
        return "x-frame-options-not-implemented"
    value = header.strip().lower()
    if value in ("deny", "sameorigin"):
        return "x-frame-options-sameorigin-or-deny"
    if value.startswith("allow-from "):
        return "x-frame-options-allow-from-origin"
    return "x-frame-options-header-invalid"


def cross_origin_resource_sharing(page: Page, *, asked_origin: str | None) -> str:
    """From the Access-Control-Allow-Origin answer to a request sent with a foreign Origin."""
    allowed = page.headers.get("access-control-allow-origin")
    if allowed is None:
        return "cross-origin-resource-sharing-not-implemented"
    if allowed.strip() == "*":
        return "cross-origin-resource-sharing-implemented-with-public-access"
    with_credentials = page.headers.get("access-control-allow-credentials", "").lower() == "true"
    if asked_origin and allowed.strip() == asked_origin and with_credentials:
        return "cross-origin-resource-sharing-implemented-with-universal-access"
    return "cross-origin-resource-sharing-implemented-with-restricted-access"


def cross_origin_resource_policy(page: Page) -> str:
    header = page.headers.get("cross-origin-resource-policy")
    if header is None:
        return "corp-not-implemented"
    return {
        "same-origin": "corp-implemented-with-same-origin",
        "same-site": "corp-implemented-with-same-site",
        "cross-origin": "corp-implemented-with-cross-origin",
    }.get(header.strip().lower(), "corp-header-invalid")


HSTS_PASSES = {"hsts-preloaded", "hsts-implemented-max-age-at-least-six-months"}


def score(
    response, *, asked_origin: str | None = None, hsts_preloaded: bool = False
) -> tuple[int, list[tuple[int, str]]]:
    """The Observatory score of one test-client response, with each test's (modifier, result).
    `asked_origin`: the Origin header the request was sent with, for the CORS test.
    `hsts_preloaded`: the host is on Chromium's preload list (no test host is)."""
    page = Page.from_response(response)
    hsts = strict_transport_security(page, preloaded=hsts_preloaded)
    results = [
        content_security_policy(page),
        cookies(page, hsts_passes=hsts in HSTS_PASSES),
        cross_origin_resource_sharing(page, asked_origin=asked_origin),
        cross_origin_resource_policy(page),
        referrer_policy(page),
        hsts,
        subresource_integrity(page),
        x_content_type_options(page),
        x_frame_options(page),
    ]
    modifiers = [(MODIFIERS[name], name) for name in results]
    penalties = sum(m for m, _ in modifiers if m < 0)
    bonuses = sum(m for m, _ in modifiers if m > 0)
    total = BASELINE + penalties
    if total >= BONUS_THRESHOLD:
        total += bonuses
    return max(total, 0), modifiers


def csp_directives(response) -> dict[str, set[str]]:
    return parse_csp(response["Content-Security-Policy"])


NONCE = re.compile(r"^'nonce-[A-Za-z0-9+/_=-]{16,}'$")
