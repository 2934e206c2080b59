"""Translated fields of the partners (French is the source and the fallback).

The name and the city are translated because organisations and places have official names
in several languages; the slug and the acronym stay the same everywhere.
"""

from modeltranslation.translator import TranslationOptions, register

from partners.models import Partner, PartnerDirectoryPage


@register(Partner)
class PartnerTR(TranslationOptions):
    fields = ("name", "city", "description", "key_facts", "logo_alt")


@register(PartnerDirectoryPage)
class PartnerDirectoryPageTR(TranslationOptions):
    fields = ("intro",)
