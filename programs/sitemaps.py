from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from programs.models import Page, Program


class StaticViewSitemap(Sitemap):
    changefreq = "monthly"
    priority = 1.0

    def items(self):
        return ["programs:home"]

    def location(self, item):
        return reverse(item)


class PageSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        program = Program.objects.for_site()
        return Page.objects.published().filter(program=program).order_by("order", "title")

    def lastmod(self, page):
        return page.updated_at


SITEMAPS = {"static": StaticViewSitemap, "pages": PageSitemap}
