"""Helpers shared by the partner-space tests: images, admin moderation, snapshots."""

import io

from django.contrib.admin.utils import quote
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.models import ModelLogEntry, Revision, WorkflowState


def image_file(name="logo.png", fmt="PNG", size=(40, 20), color=(200, 30, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    content_type = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp", "GIF": "image/gif"}[fmt]
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)


def profile_data(obj, /, **overrides):
    """The profile form as the browser sends it, pre-filled with the partner's values."""
    data = {}
    for name in ("description", "key_facts", "logo_alt"):
        for code in ("fr", "en", "es", "ko"):
            data[f"{name}_{code}"] = getattr(obj, f"{name}_{code}") or ""
    data.update(website=obj.website, contact_email=obj.contact_email, action="submit")
    data.update(overrides)
    return data


def workflow_state(obj):
    return WorkflowState.objects.for_instance(obj).order_by("-pk").first()


def moderate(client, moderator, obj, action, comment=""):
    """What a moderator's click in the admin does: POST to the snippet's workflow-action URL."""
    state = WorkflowState.objects.active().for_instance(obj).get()
    url = reverse(type(obj).snippet_viewset.get_url_name("workflow_action"),
                  args=[quote(obj.pk), action, state.current_task_state_id])
    client.force_login(moderator)
    response = client.post(url, {"comment": comment})
    assert response.status_code == 302, response.content[:500]
    return response


def snapshot(obj):
    """Everything the space could change about an object (or its absence)."""
    model = type(obj)
    row = model.objects.filter(pk=obj.pk).values().first()
    return {
        "row": row,
        "revisions": Revision.objects.filter(base_content_type=obj.get_base_content_type(),
                                             object_id=str(obj.pk)).count(),
        "states": list(WorkflowState.objects.for_instance(obj).values_list("status", flat=True)),
        "logs": ModelLogEntry.objects.filter(content_type=obj.get_content_type(), object_id=str(obj.pk)).count(),
        "partners": sorted(obj.partners.values_list("pk", flat=True)) if hasattr(obj, "partners") else None,
        "representatives": sorted(obj.representatives.values_list("pk", flat=True))
        if hasattr(obj, "representatives") else None,
    }
