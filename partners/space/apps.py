from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnerSpaceConfig(AppConfig):
    """The partner space: where representatives of partner organisations keep their profile
    current and propose practices, outside the Wagtail admin and always through moderation."""

    name = "partners.space"
    label = "partner_space"
    verbose_name = _("Partner space")
    default_auto_field = "django.db.models.BigAutoField"
