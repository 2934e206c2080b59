"""The moderation status shown to representatives, read from Wagtail's workflow states.

draft: saved but not submitted; in_moderation: waiting for a moderator; changes_requested: a
moderator sent it back (with their comment); published: what visitors see is the latest version.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from wagtail.models import WorkflowState

LABELS = {
    "draft": _("Draft"),
    "in_moderation": _("In moderation"),
    "changes_requested": _("Changes requested"),
    "published": _("Published"),
}


@dataclass
class Status:
    code: str
    comment: str = ""

    @property
    def label(self):
        return LABELS[self.code]


def attach_workflow_states(objects):
    """Read the active workflow state of many objects of one model in one query (the
    attribute `_current_workflow_states` is the one Wagtail's WorkflowMixin reads)."""
    objects = list(objects)
    if not objects:
        return objects
    content_type = objects[0].get_base_content_type()
    states = (
        WorkflowState.objects.active()
        .filter(base_content_type=content_type, object_id__in=[str(obj.pk) for obj in objects])
        .select_related("current_task_state")
    )
    by_object = {}
    for state in states:
        by_object.setdefault(state.object_id, []).append(state)
    for obj in objects:
        obj._current_workflow_states = by_object.get(str(obj.pk), [])
    return objects


def status_of(obj):
    state = obj.current_workflow_state
    if state is not None:
        if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            comment = state.current_task_state.comment if state.current_task_state else ""
            return Status("changes_requested", comment or "")
        return Status("in_moderation")
    if not obj.live or obj.has_unpublished_changes:
        return Status("draft")
    return Status("published")
