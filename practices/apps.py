from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    """The library of good practices and collaboration cases, with its taxonomies."""

    name = "practices"
    verbose_name = _("Practices library")
    default_auto_field = "django.db.models.BigAutoField"
