from modeltranslation.translator import TranslationOptions, register

from services.models import HomePage, ServicePillarPage, StandardPage


@register(HomePage)
class HomePageTR(TranslationOptions):
    fields = ("hero_title", "intro", "body")


@register(StandardPage)
class StandardPageTR(TranslationOptions):
    fields = ("intro", "body")


@register(ServicePillarPage)
class ServicePillarPageTR(TranslationOptions):
    fields = ("intro", "body")
