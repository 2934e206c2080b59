from django.urls import reverse

from tests.partners.space.conftest import logged_in


def test_dashboard(client, rep_a, proposal_a):
    logged_in(client, rep_a)
    response = client.get(reverse("partner_space:dashboard"))
    assert response.status_code == 200
    print(response.content.decode()[-3000:])
