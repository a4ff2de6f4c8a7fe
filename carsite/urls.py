"""The only place that mounts URL prefixes. Editable pages' catch-all comes last."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from programs import views as program_views
from programs.sitemaps import SITEMAPS

urlpatterns = [
    # Staff
    path(settings.ADMIN_URL, admin.site.urls),
    # Machines: crawlers, browsers, load balancers
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", program_views.robots_txt, name="robots_txt"),
    path("healthz", program_views.healthz, name="healthz"),
    path("ping", program_views.ping, name="ping"),
    path("favicon.ico", program_views.favicon, name="favicon"),
    # Families: in English at /… and in Spanish at /es/…
    *i18n_patterns(
        # asking for a call back, and the "could CAR T be an option?" checklist
        path("", include("inquiries.urls")),
        # the program's pages (catch-all by slug, so last)
        path("", include("programs.urls")),
        prefix_default_language=False,
    ),
]
