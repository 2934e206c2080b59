"""Fixtures of the partner-space tests: two published partners A and B, their
representatives, the editors' and moderators' accounts, a superuser, and proposals."""

import pytest
from django.contrib.auth.models import Group, User

from partners.models import Partner
from practices.models import GoodPractice
from tests.conftest import four

PASSWORD = "Un-mot-de-passe-solide-42"


def make_partner(slug, name, **fields):
    partner = Partner(
        name=name, slug=slug, website=f"https://{slug}.example.org", contact_email=f"info@{slug}.example.org",
        **four(f"Description de {name}.", f"Description of {name}.", f"Descripción de {name}.", f"{name} 소개.",
               field="description"),
        **fields,
    )
    partner.save()
    partner.save_revision().publish()
    partner.refresh_from_db()
    return partner


def make_user(username, groups=(), **fields):
    user = User.objects.create_user(username, f"{username}@example.org", PASSWORD, **fields)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


@pytest.fixture
def partner_a(db):
    return make_partner("chantier-ess", "Chantier de l'économie sociale")


@pytest.fixture
def partner_b(db):
    return make_partner("gsef", "Forum mondial de l'économie sociale")


@pytest.fixture
def rep_a(partner_a):
    user = make_user("rep-a")
    partner_a.representatives.add(user)
    return user


@pytest.fixture
def rep_b(partner_b):
    user = make_user("rep-b")
    partner_b.representatives.add(user)
    return user


@pytest.fixture
def editor(db):
    return make_user("editor", groups=["Editors"])


@pytest.fixture
def moderator(db):
    return make_user("moderator", groups=["Moderators"])


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("admin", "admin@example.org", PASSWORD)


def proposal(partner, slug, title, live=False):
    obj = GoodPractice(slug=slug, title=title, title_fr=title, summary_fr=f"Résumé de {title}.", live=live,
                       proposed_by_partner=partner)
    obj.save()
    obj.partners.set([partner])
    obj.save()
    revision = obj.save_revision()
    if live:
        revision.publish()
    obj.refresh_from_db()
    return obj


@pytest.fixture
def proposal_a(partner_a):
    return proposal(partner_a, "proposition-a", "Proposition de A")


@pytest.fixture
def proposal_b(partner_b):
    return proposal(partner_b, "proposition-b", "Proposition de B")


@pytest.fixture
def published_a(partner_a):
    """A practice A proposed and a moderator published: A may still see it, not change it."""
    return proposal(partner_a, "pratique-publiee", "Pratique publiée de A", live=True)


def logged_in(client, user):
    if user is not None:
        client.force_login(user)
    return client
