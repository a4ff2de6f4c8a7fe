"""System checks of a deployment's own settings (`manage.py check --deploy`)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register
from django.http.request import validate_host

SITE_URL_NOT_PUBLIC = (
    "SITE_URL is the origin every absolute link is built from (canonical, hreflang, sitemap, "
    "staff emails); with DJANGO_HTTPS it must be this site's https:// origin, on one of "
    "DJANGO_ALLOWED_HOSTS (it is {value})."
)


@register(Tags.security, deploy=True)
def site_url_is_the_public_origin(app_configs, **kwargs):
    parts = urlsplit(settings.SITE_URL)
    if not settings.HTTPS:
        return []
    if parts.scheme == "https" and validate_host(parts.hostname or "", settings.ALLOWED_HOSTS):
        return []
    return [Warning(SITE_URL_NOT_PUBLIC.format(value=settings.SITE_URL), id="carsite.W001")]
