from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from programs.models import Page, Program


class OriginSitemap(Sitemap):
    """Addresses on the configured origin (SITE_URL): Django's sitemap view would build them from
    the request's Host header, which any client may set."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class StaticViewSitemap(OriginSitemap):
    changefreq = "monthly"
    priority = 1.0

    def items(self):
        return ["programs:home"]

    def location(self, item):
        return reverse(item)


class PageSitemap(OriginSitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        program = Program.objects.for_site()
        return Page.objects.published().filter(program=program).order_by("order", "title")

    def lastmod(self, page):
        return page.updated_at


SITEMAPS = {"static": StaticViewSitemap, "pages": PageSitemap}
