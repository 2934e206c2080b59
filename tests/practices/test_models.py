import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from wagtail.models import GroupApprovalTask, WorkflowContentType

from practices.models import (
    CollaborationCase,
    CollaborationForm,
    CollaborationStage,
    GoodPractice,
    ResourceType,
    StakeholderType,
)
from tests.practices.factories import case, practice

pytestmark = pytest.mark.django_db


def test_fixed_vocabularies_exist_in_four_languages():
    assert set(StakeholderType.objects.values_list("slug", flat=True)) == {
        "sse-enterprises", "national-regional-governments", "local-governments", "unions",
        "employers-associations", "social-movements", "international-ngos", "universities-researchers",
    }
    assert list(CollaborationForm.objects.order_by("slug").values_list("slug", flat=True)) == [
        "federation", "network", "partnership"]
    assert list(CollaborationStage.objects.values_list("slug", flat=True)) == [
        "know-needs", "build-solutions", "involve-inhabitants", "manage-jointly", "evaluate-together"]
    assert ResourceType.objects.count() == 7
    for model in (StakeholderType, CollaborationForm, CollaborationStage, ResourceType):
        for term in model.objects.all():
            assert all(getattr(term, f"name_{code}") for code in ("fr", "en", "es", "ko")), term.slug


def test_groups_have_the_permissions_their_names_say():
    editors = Group.objects.get(name="Editors")
    moderators = Group.objects.get(name="Moderators")
    editor_codes = set(editors.permissions.values_list("codename", flat=True))
    moderator_codes = set(moderators.permissions.values_list("codename", flat=True))
    assert {"access_admin", "add_goodpractice", "change_goodpractice", "add_collaborationcase",
            "change_collaborationcase", "change_partner"} <= editor_codes
    assert not {"publish_goodpractice", "publish_collaborationcase", "publish_partner"} & editor_codes
    assert {"publish_goodpractice", "publish_collaborationcase", "publish_partner"} <= moderator_codes


def test_moderation_workflow_covers_practices_cases_and_partners():
    for model in ("goodpractice", "collaborationcase", "partner"):
        content_type = ContentType.objects.get(model=model)
        workflow = WorkflowContentType.objects.get(content_type=content_type).workflow
        assert workflow.name == "Moderators approve"
        task = GroupApprovalTask.objects.get(workflow_tasks__workflow=workflow)
        assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]
    assert GoodPractice().get_workflow().name == "Moderators approve"


def test_missing_languages_lists_empty_translations():
    item = practice("p", {"fr": "Titre", "en": "Title", "es": "Título", "ko": "제목"},
                    summary={"fr": "Résumé", "en": "Summary"})
    assert item.get_missing_languages() == ["es", "ko"]
    french_only = case("c", "Cas")
    assert french_only.get_missing_languages() == ["en", "es", "ko"]


def test_end_year_before_start_year_is_refused():
    from django.core.exceptions import ValidationError

    item = GoodPractice(title="x", title_fr="x", slug="x", start_year=2010, end_year=2005)
    with pytest.raises(ValidationError):
        item.full_clean()


def test_drafts_are_not_live():
    draft = case("draft", "Brouillon", publish=False)
    assert not CollaborationCase.objects.get(pk=draft.pk).live
