from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    """The site's spine: home, the three service pillars and the institutional pages."""

    name = "services"
    verbose_name = _("Services")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # wagtail-modeltranslation's ready() (earlier in INSTALLED_APPS) gave every page type
        # its level-by-level `route`; the site root routes the whole path in one query instead,
        # with the same rules (cities_portal/routing.py).
        from services.models import HomePage

        HomePage.route = HomePage.route_whole_path
