"""Translated fields of the library (French is the source and the fallback)."""

from modeltranslation.translator import TranslationOptions, register

from practices.models import (
    CollaborationCase,
    CollaborationCaseDocument,
    CollaborationForm,
    CollaborationStage,
    GoodPractice,
    GoodPracticeDocument,
    LibraryPage,
    ResourceType,
    StakeholderType,
    Territory,
    Theme,
)


@register(Theme)
class ThemeTR(TranslationOptions):
    fields = ("name",)


@register(StakeholderType)
class StakeholderTypeTR(TranslationOptions):
    fields = ("name",)


@register(ResourceType)
class ResourceTypeTR(TranslationOptions):
    fields = ("name",)


@register(CollaborationForm)
class CollaborationFormTR(TranslationOptions):
    fields = ("name", "description")


@register(CollaborationStage)
class CollaborationStageTR(TranslationOptions):
    fields = ("name", "description")


@register(Territory)
class TerritoryTR(TranslationOptions):
    fields = ("name", "country", "region", "city")


@register(GoodPractice)
class GoodPracticeTR(TranslationOptions):
    fields = ("title", "summary", "body", "outcomes", "lessons", "sources", "image_alt")


@register(CollaborationCase)
class CollaborationCaseTR(TranslationOptions):
    fields = (
        "title", "summary", "public_actors", "civil_society_actors", "policy_instrument",
        "co_construction", "results", "transfer_conditions", "sources", "image_alt",
    )


@register(GoodPracticeDocument)
class GoodPracticeDocumentTR(TranslationOptions):
    fields = ("link_text",)


@register(CollaborationCaseDocument)
class CollaborationCaseDocumentTR(TranslationOptions):
    fields = ("link_text",)


@register(LibraryPage)
class LibraryPageTR(TranslationOptions):
    fields = ("intro",)
