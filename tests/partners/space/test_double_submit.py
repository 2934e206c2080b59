"""The same proposal form sent twice (a double click, a browser retrying a slow request,
Back and send again) makes one proposal and one e-mail to the moderators, not two."""

import re
from html import unescape

from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from practices.models import GoodPractice
from tests.partners.space.conftest import logged_in
from tests.partners.space.test_proposals import practice_data


def form_token(client, url):
    html = client.get(url).content.decode()
    found = re.search(r'<input type="hidden" name="submission" value="([^"]+)">', html)
    assert found, "the new proposal form carries its submission token"
    return found.group(1)


def create_url(partner):
    return reverse("partner_space:practice_create", kwargs={"slug": partner.slug})


def test_the_same_form_sent_twice_makes_one_proposal(client, rep_a, partner_a, django_capture_on_commit_callbacks):
    logged_in(client, rep_a)
    url = create_url(partner_a)
    data = practice_data(submission=form_token(client, url))
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, data)
        second = client.post(url, data, follow=True)

    practice = GoodPractice.objects.get()
    assert first.status_code == 302 and first.url == reverse("partner_space:practice_edit", kwargs={"pk": practice.pk})
    assert second.redirect_chain[-1][0] == first.url
    assert "Cette proposition était déjà enregistrée ; la voici." in second.content.decode()
    assert len(mail.outbox) == 1


def test_two_forms_make_two_proposals(client, rep_a, partner_a):
    logged_in(client, rep_a)
    url = create_url(partner_a)
    tokens = {form_token(client, url), form_token(client, url)}
    assert len(tokens) == 2
    for token in tokens:
        assert client.post(url, practice_data(submission=token)).status_code == 302
    assert sorted(GoodPractice.objects.values_list("slug", flat=True)) == [
        "cuisine-collective-de-quartier", "cuisine-collective-de-quartier-2"]


def test_a_form_corrected_after_an_error_is_saved_with_the_same_token(client, rep_a, partner_a):
    logged_in(client, rep_a)
    url = create_url(partner_a)
    token = form_token(client, url)
    refused = client.post(url, practice_data(title_fr="", submission=token))
    assert refused.status_code == 400
    assert f'name="submission" value="{token}"' in refused.content.decode()
    assert client.post(url, practice_data(submission=token)).status_code == 302
    assert GoodPractice.objects.count() == 1


def test_a_copy_sent_while_the_first_is_saving_keeps_what_was_typed(client, rep_a, partner_a):
    logged_in(client, rep_a)
    url = create_url(partner_a)
    token = form_token(client, url)
    cache.set(f"partner-space:submission:{rep_a.pk}:{token}", "saving", 120)
    for code, message in (("fr", "Cette proposition est en cours d'enregistrement."),
                          ("ko", "이 제안은 지금 저장되고 있습니다.")):
        with translation.override(code):
            response = client.post(create_url(partner_a), practice_data(submission=token),
                                   headers={"accept-language": code})
        html = unescape(response.content.decode())
        assert response.status_code == 400
        assert message in html
        assert "Cuisine collective de quartier" in html and "동네 공동 부엌" in html
    assert not GoodPractice.objects.exists()


def test_without_a_cache_proposals_are_still_saved(client, rep_a, partner_a, monkeypatch):
    """Redis down: the fail-soft cache answers "nothing stored" and add() fails."""
    monkeypatch.setattr(cache, "get", lambda key, default=None, version=None: default)
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: False)
    monkeypatch.setattr(cache, "set", lambda *args, **kwargs: None)
    logged_in(client, rep_a)
    url = create_url(partner_a)
    response = client.post(url, practice_data(submission="t" * 32))
    assert response.status_code == 302
    assert GoodPractice.objects.count() == 1


def test_a_bad_token_is_ignored(client, rep_a, partner_a):
    logged_in(client, rep_a)
    for token in ("", "short", "x" * 65, "../../etc/passwd-aaaaaaaaaaaaaaaaaaa", "é" * 30):
        assert client.post(create_url(partner_a), practice_data(submission=token)).status_code == 302
    assert GoodPractice.objects.count() == 5
