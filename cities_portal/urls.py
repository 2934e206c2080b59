from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cities_portal import health, twofactor, views

# Outside the language prefix: machine-facing URLs and the admin (which has its own
# language preference per user).
urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/2fa/", twofactor.verify, name="two_factor_verify"),
    path("admin/2fa/setup/", twofactor.setup, name="two_factor_setup"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Every public page lives under /fr/, /en/, /es/ or /ko/; "/" is redirected by
# LocaleMiddleware to the visitor's best language (Accept-Language, else French).
urlpatterns += i18n_patterns(
    # The partner space (/fr/espace-partenaires/...) comes before Wagtail's catch-all.
    path("", include("partners.space.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler400 = "cities_portal.views.bad_request"
handler404 = "cities_portal.views.page_not_found"
handler500 = "cities_portal.views.server_error"
