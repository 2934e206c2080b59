"""Log-in lock-out (django-axes) applies to the partner space's login."""

from django.urls import reverse

from tests.partners.space.conftest import PASSWORD


def test_repeated_failures_lock_the_space_login_out(client, rep_a, settings):
    """The space's login goes through authenticate(), so django-axes counts its failures."""
    url = reverse("partner_space:login")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "rep-a@example.org", "password": "wrong"})
    response = client.post(url, {"username": "rep-a@example.org", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
