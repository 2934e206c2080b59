from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The shared core: base page, blocks, navigation and language tags, demo content."""

    name = "cities_portal"
    label = "core"
    verbose_name = _("Portal core")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cities_portal import i18n, page_cache
        from cities_portal.queries import connect_signals

        page_cache.connect_signals()
        from cities_portal import lockout

        lockout.connect_signals()
        connect_signals()
        i18n.connect_signals()
