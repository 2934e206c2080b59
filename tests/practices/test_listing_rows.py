"""A listing's rows ({% library_row %}): the same HTML as the template include they replace,
for every combination of what a row can show, in the four languages."""

import pytest
from django.template import engines
from django.utils import translation

from practices.library import Option, Row
from practices.templatetags.library_tags import library_row

# practices/includes/row.html as it was before it was written in Python: the reference.
REFERENCE = (
    '{% load i18n %}<li class="library-item library-item-{{ row.kind }}">\n'
    '  <p class="meta"><span class="kind">{{ row.kind_label }}</span>{% if row.place %} · '
    '<span{% if row.place.label_is_fallback %} lang="fr"{% endif %}>{{ row.place.label }}</span>{% endif %}'
    "{% if row.start_year %} · {% if row.end_year and row.end_year != row.start_year %}"
    "{{ row.start_year }}–{{ row.end_year }}{% elif row.end_year %}{{ row.start_year }}{% else %}"
    "{% blocktranslate trimmed with year=row.start_year %}since {{ year }}{% endblocktranslate %}{% endif %}"
    "{% endif %}{% if row.resource_type %} · <span{% if row.resource_type.label_is_fallback %} lang=\"fr\""
    "{% endif %}>{{ row.resource_type.label }}</span>{% endif %}</p>\n"
    '  <h3><a href="{{ row.url }}"{% if row.title_is_fallback %} lang="fr"{% endif %}>{{ row.title }}</a></h3>\n'
    '  {% if row.summary %}<p{% if row.summary_is_fallback %} lang="fr"{% endif %}>'
    "{{ row.summary|truncatewords:45 }}</p>{% endif %}\n"
    "</li>\n"
)


def option(label, fallback=False):
    return Option(value="v", label=label, label_is_fallback=fallback, count=1, selected=False, order=0)


LONG = " ".join(f"mot{n}" for n in range(60))
ROWS = [
    dict(kind="practice", title="Cuisine <collective> & solidaire", summary="Un \"repas\" partagé, l'été.",
         start_year=2015, end_year=2021, place=option("Montréal"), resource_type=option("Guide", fallback=True)),
    dict(kind="case", title="Seoul 50+", summary=LONG, start_year=2019, end_year=2019, place=None,
         resource_type=None, title_is_fallback=True, summary_is_fallback=True),
    dict(kind="case", title="Fonds", summary="", start_year=2012, end_year=None, place=option("Bilbo", True)),
    dict(kind="practice", title="Sans date", summary="Court.", start_year=None, end_year=2020),
]


def make(values):
    defaults = dict(pk=1, slug="slug", title_is_fallback=False, summary_is_fallback=False,
                    url="/fr/partager/bibliotheque/bonne-pratique/slug/?a=1&b=2")
    return Row(**{**defaults, **values})


@pytest.mark.parametrize("language", ["fr", "en", "es", "ko"])
@pytest.mark.parametrize("values", ROWS, ids=["full", "one-year-long-summary", "since", "no-start"])
def test_a_row_is_the_html_of_the_template_it_replaces(language, values):
    reference = engines["django"].from_string(REFERENCE)
    row = make(values)
    with translation.override(language):
        expected = reference.render({"row": row})
        assert library_row(row) == expected
    if values["summary"] == LONG:
        assert "mot44 …" in expected and "mot45" not in expected


def test_the_korean_since_reads_as_korean():
    with translation.override("ko"):
        html = library_row(make(ROWS[2]))
    assert "2012년부터" in html and "&lt;" not in html
