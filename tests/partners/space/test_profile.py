"""My organisation: a representative's changes become a revision in moderation; the
public profile stays as it was until a moderator approves them in the admin."""

from django.core import mail
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry, WorkflowState

from partners.models import Partner
from tests.partners.space.conftest import logged_in
from tests.partners.space.helpers import moderate, profile_data, workflow_state


def edit_url(partner):
    return reverse("partner_space:partner_edit", kwargs={"slug": partner.slug})


def test_a_representative_sees_the_form_of_its_own_partner(client, rep_a, partner_a):
    response = logged_in(client, rep_a).get(edit_url(partner_a))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Description de Chantier" in html
    assert 'name="description_ko"' in html and 'name="key_facts_es"' in html and 'name="logo"' in html
    assert 'value="submit"' in html and 'value="draft"' in html


def test_saving_submits_a_revision_and_leaves_the_live_profile_unchanged(client, rep_a, partner_a):
    logged_in(client, rep_a)
    data = profile_data(partner_a, description_fr="Nouvelle description.", description_ko="새로운 소개.",
                        website="https://nouveau.example.org")
    response = client.post(edit_url(partner_a), data)
    assert response.status_code == 302

    live = Partner.objects.get(pk=partner_a.pk)
    assert live.description_fr == "Description de Chantier de l'économie sociale."
    assert live.description_ko.endswith("소개.") and live.description_ko != "새로운 소개."
    assert live.website == "https://chantier-ess.example.org"
    assert live.live and live.has_unpublished_changes

    revision = live.latest_revision
    assert revision.user == rep_a
    pending = revision.as_object()
    assert pending.description_fr == "Nouvelle description." and pending.description_ko == "새로운 소개."
    assert pending.website == "https://nouveau.example.org"
    assert workflow_state(live).status == WorkflowState.STATUS_IN_PROGRESS

    page = client.get(edit_url(partner_a)).content.decode()
    assert "En modération" in page or "In moderation" in page
    assert "Nouvelle description." in page  # the form shows the pending version


def test_the_public_profile_changes_only_when_a_moderator_approves(client, rep_a, partner_a, moderator):
    logged_in(client, rep_a).post(edit_url(partner_a), profile_data(partner_a, description_en="New text."))
    assert Partner.objects.get(pk=partner_a.pk).description_en == "Description of Chantier de l'économie sociale."
    moderate(client, moderator, partner_a, "approve")
    live = Partner.objects.get(pk=partner_a.pk)
    assert live.description_en == "New text."
    assert live.description_fr == "Description de Chantier de l'économie sociale."
    assert not live.has_unpublished_changes
    assert workflow_state(live).status == WorkflowState.STATUS_APPROVED


def test_save_as_draft_does_not_submit(client, rep_a, partner_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        logged_in(client, rep_a).post(edit_url(partner_a),
                                      profile_data(partner_a, key_facts_fr="1984", action="draft"))
    partner = Partner.objects.get(pk=partner_a.pk)
    assert partner.latest_revision.as_object().key_facts_fr == "1984"
    assert workflow_state(partner) is None
    assert "Brouillon" in client.get(edit_url(partner_a)).content.decode()
    assert mail.outbox == []


def test_changes_requested_shows_the_moderators_comment_then_resubmits(client, rep_a, partner_a, moderator):
    logged_in(client, rep_a).post(edit_url(partner_a), profile_data(partner_a, description_fr="Trop court."))
    moderate(client, moderator, partner_a, "reject", comment="Merci de préciser vos activités.")
    rejection = ModelLogEntry.objects.get(object_id=str(partner_a.pk), action="wagtail.workflow.reject")
    assert rejection.user == moderator
    client.force_login(rep_a)
    page = client.get(edit_url(partner_a)).content.decode()
    assert "Modifications demandées" in page
    assert "Merci de préciser vos activités." in page
    dashboard = client.get(reverse("partner_space:dashboard")).content.decode()
    assert "Merci de préciser vos activités." in dashboard

    client.post(edit_url(partner_a), profile_data(partner_a, description_fr="Une description précise."))
    state = workflow_state(partner_a)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert WorkflowState.objects.for_instance(partner_a).count() == 1  # the same workflow, resumed
    assert state.current_task_state.revision.as_object().description_fr == "Une description précise."


def test_saving_again_while_in_moderation_sends_the_latest_version(client, rep_a, partner_a, moderator):
    logged_in(client, rep_a).post(edit_url(partner_a), profile_data(partner_a, description_fr="Premier jet."))
    client.post(edit_url(partner_a), profile_data(partner_a, description_fr="Second jet."))
    assert WorkflowState.objects.active().for_instance(partner_a).count() == 1
    moderate(client, moderator, partner_a, "approve")
    assert Partner.objects.get(pk=partner_a.pk).description_fr == "Second jet."


def test_submission_notifies_the_editors(client, rep_a, partner_a, settings, django_capture_on_commit_callbacks):
    settings.EDITORS_EMAILS = ["redaction@example.org", "moderation@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        logged_in(client, rep_a).post(edit_url(partner_a), profile_data(partner_a, description_fr="Mise à jour."))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["redaction@example.org", "moderation@example.org"]
    assert "Chantier de l'économie sociale" in message.subject
    assert "rep-a@example.org" in message.body
    assert f"/admin/snippets/partners/partner/edit/{partner_a.pk}/" in message.body


def test_changes_and_submission_are_in_the_audit_log_with_the_representative(client, rep_a, partner_a,
                                                                               moderator):
    logged_in(client, rep_a).post(edit_url(partner_a), profile_data(partner_a, description_fr="Journalisé."))
    entries = ModelLogEntry.objects.filter(object_id=str(partner_a.pk), content_type__model="partner")
    by_action = {entry.action: entry for entry in entries}
    assert by_action["wagtail.edit"].user == rep_a
    assert by_action["wagtail.workflow.start"].user == rep_a
    before = entries.order_by("-pk").first().pk
    moderate(client, moderator, partner_a, "approve")
    approvals = entries.filter(pk__gt=before)
    assert {entry.action for entry in approvals} == {"wagtail.workflow.approve", "wagtail.publish"}
    assert all(entry.user == moderator for entry in approvals)


def test_forged_fields_are_ignored(client, rep_a, partner_a, partner_b, rep_b):
    data = profile_data(partner_a, description_fr="Texte.", name="Pirate", slug="pirate", live="", kind="founder",
                        representatives=[rep_b.pk], owner=rep_b.pk, id=partner_b.pk, partner=partner_b.pk,
                        profile_confirmed_at="2000-01-01")
    logged_in(client, rep_a).post(edit_url(partner_a), data)
    pending = Partner.objects.get(pk=partner_a.pk).latest_revision.as_object()
    assert pending.pk == partner_a.pk
    assert (pending.name, pending.slug, pending.kind) == (partner_a.name, partner_a.slug, partner_a.kind)
    assert pending.profile_confirmed_at is None
    assert list(partner_a.representatives.all()) == [rep_a]
    assert Partner.objects.get(pk=partner_b.pk).latest_revision_id == partner_b.latest_revision_id


def test_forged_action_publish_is_refused(client, rep_a, partner_a):
    response = logged_in(client, rep_a).post(edit_url(partner_a), profile_data(partner_a, action="publish"))
    assert response.status_code == 403
    assert Partner.objects.get(pk=partner_a.pk).latest_revision_id == partner_a.latest_revision_id


def test_the_form_speaks_the_visitors_language(client, rep_a, partner_a):
    logged_in(client, rep_a)
    for code, word in {"fr": "Soumettre", "en": "Submit for moderation", "es": "Enviar", "ko": "검토"}.items():
        with translation.override(code):
            url = edit_url(partner_a)
        assert url.startswith(f"/{code}/")
        html = client.get(url).content.decode()
        assert f'<html lang="{code}">' in html
        assert word in html, code


def test_profile_page_query_count_is_constant(client, rep_a, partner_a, django_assert_max_num_queries):
    logged_in(client, rep_a)
    client.get(edit_url(partner_a))
    with django_assert_max_num_queries(20):
        assert client.get(edit_url(partner_a)).status_code == 200
