from modeltranslation.translator import TranslationOptions, register

from partners.models import Partner


@register(Partner)
class PartnerTR(TranslationOptions):
    fields = ("description", "key_facts", "logo_alt")
