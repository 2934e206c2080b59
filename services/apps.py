from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    """The site's spine: home, the three service pillars and the institutional pages."""

    name = "services"
    verbose_name = _("Services")
    default_auto_field = "django.db.models.BigAutoField"
