"""The whole path, as people take it, with Django's test client: an editor invites a
representative in the admin, the representative opens the link, sets a password, logs in,
edits the profile in French and Korean and submits; a moderator approves in the admin; the
change is live on the public profile in all four languages."""

import re

from django.core import mail
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from partners.models import Partner
from tests.partners.space.helpers import moderate, profile_data

PASSWORD = "Economie-sociale-2026!"


def fr(name, **kwargs):
    # Each request activates its own language in this thread: name the French URLs explicitly.
    with translation.override("fr"):
        return reverse(name, kwargs=kwargs or None)


def public_profile(client, directory, partner, code):
    client.logout()
    with translation.override(code):
        url = directory.partner_url(partner, code)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_invite_set_password_edit_submit_approve_live(client, directory, partner_a, editor, moderator,
                                                      django_capture_on_commit_callbacks, settings):
    settings.EDITORS_EMAILS = ["redaction@example.org"]

    # 1. An editor invites the representative from the admin, in Korean.
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("partner_space_invite"),
                               {"email": "Jiwoo@Example.org", "partner": partner_a.pk, "language": "ko"})
    assert response.status_code == 302
    client.logout()
    invitation = mail.outbox[-1]
    assert invitation.to == ["Jiwoo@example.org"]
    link = re.search(r"http://testserver(/\S+)", invitation.body).group(1)

    # 2. The representative opens the link and chooses a password.
    response = client.get(link)
    assert response.status_code == 302
    form_url = response["Location"]
    assert "비밀번호" in client.get(form_url).content.decode()
    response = client.post(form_url, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 302
    assert client.get(link).context["validlink"] is False  # the link worked once

    # 3. Logs in with the e-mail address, in French this time.
    login_url = fr("partner_space:login")
    response = client.post(login_url, {"username": "jiwoo@example.org", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == fr("partner_space:dashboard")
    dashboard = client.get(response["Location"]).content.decode()
    assert "Chantier de l&#x27;économie sociale" in dashboard
    assert f'href="{directory.partner_url(partner_a, "fr")}"' in dashboard  # its public profile

    # 4. Edits the profile in French and Korean and submits it.
    edit_url = fr("partner_space:partner_edit", slug=partner_a.slug)
    assert client.get(edit_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url, profile_data(
            partner_a, description_fr="Le Chantier rassemble les réseaux de l'économie sociale du Québec.",
            description_ko="샹티에는 퀘벡 사회적경제 네트워크들을 한데 모은다.",
            website="https://chantier.example.org", action="submit"))
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["redaction@example.org"]
    assert "En modération" in client.get(edit_url).content.decode()

    # Nothing is public yet.
    for code in ("fr", "ko"):
        html = public_profile(client, directory, partner_a, code)
        assert "rassemble les réseaux" not in html and "한데 모은다" not in html
        assert "chantier.example.org" not in html

    # 5. A moderator approves in the admin.
    moderate(client, moderator, partner_a, "approve")
    client.logout()

    # 6. The change is live, in every language.
    pages = {code: public_profile(client, directory, partner_a, code) for code in ("fr", "en", "es", "ko")}
    assert "Le Chantier rassemble les réseaux de l&#x27;économie sociale du Québec." in pages["fr"]
    assert "샹티에는 퀘벡 사회적경제 네트워크들을 한데 모은다." in pages["ko"]
    assert "Description of Chantier" in pages["en"] and "Descripción de Chantier" in pages["es"]
    for html in pages.values():
        assert "https://chantier.example.org" in html

    live = Partner.objects.get(pk=partner_a.pk)
    assert not live.has_unpublished_changes
    log = ModelLogEntry.objects.filter(object_id=str(partner_a.pk), content_type__model="partner")
    actions = {(entry.action, entry.user.email if entry.user else None) for entry in log}
    assert ("partner_space.invite", editor.email) in actions
    assert ("wagtail.edit", "Jiwoo@example.org") in actions
    assert ("wagtail.workflow.start", "Jiwoo@example.org") in actions
    assert ("wagtail.workflow.approve", moderator.email) in actions
    assert ("wagtail.publish", moderator.email) in actions
