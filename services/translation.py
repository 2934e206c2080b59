from modeltranslation.translator import TranslationOptions, register

from services.models import (
    EventIndexPage,
    EventPage,
    HomePage,
    ServicePage,
    ServicePillarPage,
    StandardPage,
    TransferFormField,
    TransferRequestFormPage,
)


@register(HomePage)
class HomePageTR(TranslationOptions):
    fields = ("hero_title", "intro", "body")


@register(StandardPage)
class StandardPageTR(TranslationOptions):
    fields = ("intro", "body")


@register(ServicePillarPage)
class ServicePillarPageTR(TranslationOptions):
    fields = ("intro", "body")


@register(ServicePage)
class ServicePageTR(TranslationOptions):
    fields = ("intro", "audience", "service_format", "outcomes", "body", "cta_label")


@register(EventIndexPage)
class EventIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(EventPage)
class EventPageTR(TranslationOptions):
    fields = ("intro", "venue", "city", "body")


@register(TransferRequestFormPage)
class TransferRequestFormPageTR(TranslationOptions):
    fields = ("intro", "thank_you_text")


@register(TransferFormField)
class TransferFormFieldTR(TranslationOptions):
    fields = ("label", "help_text", "choices", "default_value")
