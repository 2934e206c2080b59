"""An untouched rich text field from the admin editor counts as "not translated"."""

import pytest

from cities_portal.i18n import is_blank_html
from services.models import HomePage


@pytest.mark.parametrize("value, blank", [
    ('<p data-block-key="c8521"></p>', True),
    ("<p>&nbsp;</p><p> </p>", True),
    ("<p><br/></p>", True),
    ("<p>Un texte.</p>", False),
    ('<p><embed embedtype="image" id="3" format="left"/></p>', False),
    ("", False),
    (None, False),
])
def test_blank_html(value, blank):
    assert is_blank_html(value) is blank


@pytest.mark.django_db
def test_an_empty_korean_rich_text_falls_back_to_french_with_a_notice(client, home):
    home.intro_fr = "<p>Un centre international de l'ÉSS.</p>"
    home.intro_ko = '<p data-block-key="c8521"></p>'
    home.save_revision().publish()
    home = HomePage.objects.get(pk=home.pk)
    assert home.intro_ko == ""
    content = client.get("/ko/").content.decode()
    assert "Un centre international de l&#x27;ÉSS." in content or "Un centre international de l'ÉSS." in content
    assert '<div class="lead" lang="fr">' in content
