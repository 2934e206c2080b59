"""The space's pages make a small number of queries that does not grow with the content."""

from django.urls import reverse

from tests.partners.space.conftest import logged_in, proposal
from tests.practices.factories import territory, theme


def count(client, url, django_assert_max_num_queries, limit):
    client.get(url)  # warm the per-process caches (content types, site)
    with django_assert_max_num_queries(limit) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_proposal_form_does_not_grow_with_themes_and_territories(client, rep_a, partner_a,
                                                                      django_assert_max_num_queries):
    logged_in(client, rep_a)
    url = reverse("partner_space:practice_create", kwargs={"slug": partner_a.slug})
    theme("t-0", "Thème 0")
    territory("lieu-0", "Lieu 0")
    few = count(client, url, django_assert_max_num_queries, 20)
    for number in range(1, 25):
        theme(f"t-{number}", f"Thème {number}")
        territory(f"lieu-{number}", f"Lieu {number}")
    assert count(client, url, django_assert_max_num_queries, few) <= few


def test_the_proposal_edit_page_budget(client, rep_a, partner_a, django_assert_max_num_queries):
    item = proposal(partner_a, "p-budget", "Proposition budget")
    logged_in(client, rep_a)
    count(client, reverse("partner_space:practice_edit", kwargs={"pk": item.pk}), django_assert_max_num_queries, 22)


def test_the_login_page_budget(client, db, django_assert_max_num_queries):
    count(client, reverse("partner_space:login"), django_assert_max_num_queries, 6)
