"""Accounts: invitations (admin form and command), single-use expiring links, login,
logout and password reset in four languages; representatives never reach the admin."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from partners.space.tokens import invitation_token_generator
from tests.partners.space.conftest import PASSWORD, logged_in

NEW_PASSWORD = "Cooperative-Seoul-2026!"


def link_in(message):
    return re.search(r"http://testserver(/\S+)", message.body).group(1)


def invite_by_command(email, partner, language="fr", callbacks=None):
    with callbacks(execute=True):
        call_command("invite_partner", email, partner.slug, "--language", language, stdout=mock.Mock())
    return mail.outbox[-1]


@pytest.fixture
def invite(django_capture_on_commit_callbacks):
    def run(email, partner, language="fr"):
        return invite_by_command(email, partner, language, django_capture_on_commit_callbacks)
    return run


def test_the_command_creates_a_representative_without_any_admin_access(invite, partner_a):
    message = invite("Marie@Example.org", partner_a)
    user = User.objects.get(email="Marie@example.org")
    assert not user.has_usable_password()
    assert not (user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin"))
    assert list(user.represented_partners.all()) == [partner_a]
    assert message.to == ["Marie@example.org"]
    assert "Chantier de l'économie sociale" in message.subject
    assert "/fr/espace-partenaires/invitation/" in link_in(message)
    assert ModelLogEntry.objects.filter(action="partner_space.invite", object_id=str(partner_a.pk)).exists()


@pytest.mark.parametrize("language,prefix,word", [
    ("fr", "/fr/espace-partenaires/", "mot de passe"), ("en", "/en/partner-space/", "password"),
    ("es", "/es/espacio-socios/", "contraseña"),
    ("ko", "/ko/%ED%8C%8C%ED%8A%B8%EB%84%88-%EA%B3%B5%EA%B0%84/", "비밀번호"),
])
def test_the_invitation_is_written_in_the_chosen_language(invite, partner_a, language, prefix, word):
    message = invite("jun@example.org", partner_a, language)
    assert link_in(message).startswith(prefix)
    assert word in message.body


def test_the_command_refuses_unknown_partners_bad_addresses_and_admin_accounts(partner_a, editor):
    with pytest.raises(CommandError):
        call_command("invite_partner", "a@example.org", "no-such-partner", stdout=mock.Mock())
    with pytest.raises(CommandError):
        call_command("invite_partner", "not-an-address", partner_a.slug, stdout=mock.Mock())
    with pytest.raises(CommandError):
        call_command("invite_partner", editor.email, partner_a.slug, stdout=mock.Mock())
    assert not partner_a.representatives.exists()


def test_the_invitation_link_sets_a_password_once(client, invite, partner_a):
    message = invite("marie@example.org", partner_a)
    link = link_in(message)
    response = client.get(link)
    assert response.status_code == 302  # the token moves to the session, out of the address bar
    form_url = response["Location"]
    assert "Choisissez" in client.get(form_url).content.decode() or client.get(form_url).status_code == 200
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert User.objects.get(email="marie@example.org").check_password(NEW_PASSWORD)
    # The same link does not work twice.
    again = client.get(link)
    assert again.status_code == 200 and "form" not in again.context or again.context["form"] is None


def test_the_invitation_link_expires(client, invite, partner_a, settings):
    link = link_in(invite("marie@example.org", partner_a))
    user = User.objects.get(email="marie@example.org")
    uid, token = link.rstrip("/").split("/")[-2:]
    assert invitation_token_generator.check_token(user, token)
    later = invitation_token_generator._now() + timedelta(days=settings.PARTNER_SPACE_INVITATION_DAYS, hours=1)
    with mock.patch.object(invitation_token_generator, "_now", return_value=later):
        assert not invitation_token_generator.check_token(user, token)
        response = client.get(link)
    assert response.status_code == 200 and not response.context["validlink"]


def test_a_password_reset_token_is_not_an_invitation_and_the_reverse(rep_a):
    from django.contrib.auth.tokens import default_token_generator

    assert not default_token_generator.check_token(rep_a, invitation_token_generator.make_token(rep_a))
    assert not invitation_token_generator.check_token(rep_a, default_token_generator.make_token(rep_a))


def test_login_and_logout(client, rep_a):
    url = reverse("partner_space:login")
    assert client.get(url).status_code == 200
    response = client.post(url, {"username": "rep-a", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("partner_space:dashboard")
    assert client.get(reverse("partner_space:dashboard")).status_code == 200
    assert client.get(reverse("partner_space:logout")).status_code == 405  # logging out is a POST
    response = client.post(reverse("partner_space:logout"))
    assert response.status_code == 302
    assert client.get(reverse("partner_space:dashboard")).status_code == 302


def test_login_with_a_wrong_password_says_so(client, rep_a):
    response = client.post(reverse("partner_space:login"), {"username": "rep-a", "password": "wrong"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("target,allowed", [
    ("/fr/partner-space/organisation/chantier-ess/", True),
    ("https://evil.example.com/", False), ("//evil.example.com/", False), ("javascript:alert(1)", False),
])
def test_next_stays_on_this_site(client, rep_a, target, allowed):
    with translation.override("fr"):
        response = client.post(f"{reverse('partner_space:login')}?next={target}",
                                {"username": "rep-a", "password": PASSWORD, "next": target})
    assert response.status_code == 302
    assert response["Location"] == (target if allowed else reverse("partner_space:dashboard"))


def test_anonymous_visitors_are_sent_to_the_login_page_with_next(client, partner_a):
    url = reverse("partner_space:partner_edit", kwargs={"slug": partner_a.slug})
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("partner_space:login")) and "next=" in response["Location"]


def test_admin_accounts_are_refused_at_the_space_login(client, editor):
    response = client.post(reverse("partner_space:login"), {"username": "editor", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_representatives_cannot_use_the_admin(client, rep_a):
    logged_in(client, rep_a)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.logout()
    response = client.post("/admin/login/", {"username": "rep-a", "password": PASSWORD})
    assert "_auth_user_id" not in client.session or client.get("/admin/").status_code == 302


def test_password_reset(client, rep_a, django_capture_on_commit_callbacks):
    response = client.post(reverse("partner_space:password_reset"), {"email": "REP-A@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = link_in(mail.outbox[0])
    assert link.startswith("/fr/espace-partenaires/")
    form_url = client.get(link)["Location"]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    rep_a.refresh_from_db()
    assert rep_a.check_password(NEW_PASSWORD)
    assert client.get(link).context["validlink"] is False  # single use


def test_password_reset_tells_nothing_about_unknown_or_admin_addresses(client, editor):
    for email in ("nobody@example.org", editor.email):
        response = client.post(reverse("partner_space:password_reset"), {"email": email})
        assert response.status_code == 302
    assert mail.outbox == []


@pytest.mark.parametrize("code,path,words", [
    ("fr", "/fr/espace-partenaires/connexion/", "Mot de passe oublié"),
    ("en", "/en/partner-space/login/", "Forgot your password?"),
    ("es", "/es/espacio-socios/iniciar-sesion/", "¿Olvidó su contraseña?"),
    ("ko", "/ko/파트너-공간/로그인/", "비밀번호를 잊으셨나요?"),
])
def test_the_login_page_exists_in_four_languages(client, db, code, path, words):
    with translation.override(code):
        assert reverse("partner_space:login") == path or reverse("partner_space:login").startswith(f"/{code}/")
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert words in html
    assert f'<html lang="{code}">' in html
    # The language switcher leads to the same page in the other languages.
    for other in ("/fr/espace-partenaires/connexion/", "/en/partner-space/login/",
                  "/es/espacio-socios/iniciar-sesion/"):
        assert f'href="{other}"' in html


def test_the_admin_invitation_form(client, editor, partner_a, django_capture_on_commit_callbacks):
    client.force_login(editor)
    url = reverse("partner_space_invite")
    page = client.get(url)
    assert page.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "nouveau@example.org", "partner": partner_a.pk, "language": "es"})
    assert response.status_code == 302
    user = User.objects.get(email="nouveau@example.org")
    assert partner_a in user.represented_partners.all()
    assert link_in(mail.outbox[0]).startswith("/es/espacio-socios/")
    entry = ModelLogEntry.objects.get(action="partner_space.invite")
    assert entry.user == editor


def test_the_admin_invitation_form_refuses_admin_accounts_with_a_message(client, editor, moderator, partner_a):
    client.force_login(editor)
    response = client.post(reverse("partner_space_invite"),
                           {"email": moderator.email, "partner": partner_a.pk, "language": "fr"})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode() or "error" in response.content.decode()
    assert not partner_a.representatives.exists()


def test_only_editors_may_invite(client, rep_a):
    client.force_login(rep_a)
    assert client.get(reverse("partner_space_invite")).status_code in (302, 403)


def test_the_partner_listing_offers_the_invitation(client, editor, partner_a):
    client.force_login(editor)
    html = client.get(reverse(partner_a.snippet_viewset.get_url_name("list"))).content.decode()
    assert f"{reverse('partner_space_invite')}?partner={partner_a.pk}" in html
    form = client.get(f"{reverse('partner_space_invite')}?partner={partner_a.pk}").content.decode()
    assert f'<option value="{partner_a.pk}" selected>' in form


def test_an_existing_representative_invited_for_a_second_partner_keeps_its_password(invite, rep_a, partner_a,
                                                                                    partner_b):
    invite(rep_a.email, partner_b)
    rep_a.refresh_from_db()
    assert rep_a.check_password(PASSWORD)
    assert set(rep_a.represented_partners.all()) == {partner_a, partner_b}
    assert User.objects.filter(email__iexact=rep_a.email).count() == 1
