"""Propose a practice: a representative's proposal is a draft linked to its partner, enters
moderation, can be followed and edited until it is published, and deleted while a draft."""

from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry, WorkflowState

from practices.models import CollaborationCase, CollaborationForm, GoodPractice
from tests.partners.space.conftest import logged_in
from tests.partners.space.helpers import moderate, workflow_state
from tests.practices.factories import territory, theme


def practice_data(**overrides):
    data = {"title_fr": "Cuisine collective de quartier", "title_ko": "동네 공동 부엌",
            "summary_fr": "Des habitants cuisinent ensemble.", "body_fr": "Premier paragraphe.\n\nSecond <b>gras</b>.",
            "start_year": "2015", "end_year": "", "action": "submit"}
    data.update(overrides)
    return data


def test_a_representative_proposes_a_practice(client, rep_a, partner_a, django_capture_on_commit_callbacks):
    montreal = territory("montreal", "Montréal")
    food = theme("alimentation", "Alimentation")
    logged_in(client, rep_a)
    url = reverse("partner_space:practice_create", kwargs={"slug": partner_a.slug})
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, practice_data(territory=montreal.pk, themes=[food.pk]))
    assert response.status_code == 302
    practice = GoodPractice.objects.get()
    assert practice.title_fr == "Cuisine collective de quartier" and practice.title_ko == "동네 공동 부엌"
    assert practice.slug == "cuisine-collective-de-quartier"
    assert not practice.live
    assert practice.proposed_by_partner == partner_a
    assert list(practice.partners.all()) == [partner_a]
    assert list(practice.themes.all()) == [food] and practice.territory == montreal
    assert practice.body_fr == "<p>Premier paragraphe.</p><p>Second &lt;b&gt;gras&lt;/b&gt;.</p>"
    assert workflow_state(practice).status == WorkflowState.STATUS_IN_PROGRESS
    assert practice.latest_revision.user == rep_a
    assert ModelLogEntry.objects.filter(object_id=str(practice.pk), action="wagtail.create", user=rep_a).exists()
    assert len(mail.outbox) == 1 and "Cuisine collective" in mail.outbox[0].subject

    dashboard = client.get(reverse("partner_space:dashboard")).content.decode()
    assert "Cuisine collective de quartier" in dashboard and "En modération" in dashboard


def test_a_representative_proposes_a_collaboration_case(client, rep_a, partner_a):
    logged_in(client, rep_a)
    url = reverse("partner_space:case_create", kwargs={"slug": partner_a.slug})
    form = CollaborationForm.objects.get(slug="partnership")
    response = client.post(url, {"title_fr": "Table de concertation", "public_actors_fr": "Ville de Montréal",
                                 "co_construction_fr": "Ensemble.", "collaboration_form": form.pk,
                                 "action": "draft"})
    assert response.status_code == 302
    case = CollaborationCase.objects.get()
    assert case.collaboration_form == form and case.co_construction_fr == "<p>Ensemble.</p>"
    assert case.proposed_by_partner == partner_a and not case.live
    assert workflow_state(case) is None  # saved as a draft, not submitted


def test_the_french_title_is_required_and_errors_are_clear(client, rep_a, partner_a):
    logged_in(client, rep_a)
    url = reverse("partner_space:practice_create", kwargs={"slug": partner_a.slug})
    response = client.post(url, practice_data(title_fr="", start_year="2020", end_year="2010"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_title_fr_error"' in html and 'id="id_end_year_error"' in html
    assert GoodPractice.objects.count() == 0


def test_bad_values_give_form_errors_not_500(client, rep_a, partner_a):
    logged_in(client, rep_a)
    url = reverse("partner_space:practice_create", kwargs={"slug": partner_a.slug})
    response = client.post(url, practice_data(start_year="abc", territory="999999", themes=["x"]))
    assert response.status_code == 400
    assert GoodPractice.objects.count() == 0


def test_forged_fields_cannot_change_partner_or_publish(client, rep_a, partner_a, partner_b):
    logged_in(client, rep_a)
    url = reverse("partner_space:practice_create", kwargs={"slug": partner_a.slug})
    client.post(url, practice_data(proposed_by_partner=partner_b.pk, partners=[partner_b.pk], live="on",
                                   owner="1", slug="forged", first_published_at="2020-01-01"))
    practice = GoodPractice.objects.get()
    assert practice.proposed_by_partner == partner_a and list(practice.partners.all()) == [partner_a]
    assert not practice.live and practice.first_published_at is None
    assert practice.slug != "forged"


def test_a_representative_edits_its_draft_proposal(client, rep_a, proposal_a):
    logged_in(client, rep_a)
    url = reverse("partner_space:practice_edit", kwargs={"pk": proposal_a.pk})
    page = client.get(url).content.decode()
    assert "Proposition de A" in page and "Brouillon" in page
    response = client.post(url, practice_data(title_fr="Proposition de A, revue", body_fr="Un texte."))
    assert response.status_code == 302
    proposal_a.refresh_from_db()
    assert proposal_a.title_fr == "Proposition de A, revue" and not proposal_a.live
    assert proposal_a.slug == "proposition-a"  # the address chosen at creation stays
    assert workflow_state(proposal_a).status == WorkflowState.STATUS_IN_PROGRESS
    assert "Un texte." in client.get(url).content.decode()


def test_after_approval_the_proposal_is_published_and_locked(client, rep_a, partner_a, moderator):
    logged_in(client, rep_a)
    client.post(reverse("partner_space:practice_create", kwargs={"slug": partner_a.slug}), practice_data())
    practice = GoodPractice.objects.get()
    moderate(client, moderator, practice, "approve")
    practice.refresh_from_db()
    assert practice.live
    client.force_login(rep_a)
    url = reverse("partner_space:practice_edit", kwargs={"pk": practice.pk})
    page = client.get(url).content.decode()
    assert "Publié" in page and 'name="title_fr"' not in page
    assert client.post(url, practice_data(title_fr="Changé")).status_code == 403
    practice.refresh_from_db()
    assert practice.title_fr == "Cuisine collective de quartier"


def test_a_draft_proposal_can_be_deleted(client, rep_a, proposal_a):
    logged_in(client, rep_a)
    url = reverse("partner_space:practice_delete", kwargs={"pk": proposal_a.pk})
    assert "Proposition de A" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not GoodPractice.objects.filter(pk=proposal_a.pk).exists()
    assert ModelLogEntry.objects.filter(object_id=str(proposal_a.pk), action="wagtail.delete", user=rep_a).exists()


def test_dashboard_query_count_does_not_grow_with_proposals(client, rep_a, partner_a,
                                                            django_assert_max_num_queries):
    from tests.partners.space.conftest import proposal

    logged_in(client, rep_a)
    for number in range(3):
        proposal(partner_a, f"p-{number}", f"Proposition {number}")
    client.get(reverse("partner_space:dashboard"))
    with django_assert_max_num_queries(16) as small:
        client.get(reverse("partner_space:dashboard"))
    few = len(small.captured_queries)  # read now: the next request starts a new query log
    for number in range(3, 15):
        proposal(partner_a, f"p-{number}", f"Proposition {number}")
    # The first request after a change reads again what is kept per content generation.
    client.get(reverse("partner_space:dashboard"))
    with django_assert_max_num_queries(few):
        page = client.get(reverse("partner_space:dashboard")).content.decode()
    assert "Proposition 14" in page
