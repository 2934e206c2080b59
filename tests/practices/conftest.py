"""Fixtures of the library tests: the Partager pillar, the library page and a small,
varied set of practices and cases in four languages (and some in French only)."""

import pytest

from practices.models import CollaborationForm, CollaborationStage, LibraryPage, ResourceType, StakeholderType
from services.models import ServicePillarPage
from tests.conftest import add_page, four
from tests.practices.factories import case, practice, territory, theme


@pytest.fixture
def share_pillar(home):
    page = ServicePillarPage(
        pillar="share", **four("Partager", "Share", "Compartir", "나누기"),
        **four("partager", "share", "compartir", "나누기", field="slug"),
    )
    return add_page(home, page)


@pytest.fixture
def library(share_pillar):
    page = LibraryPage(
        per_page=5,
        **four("Bibliothèque", "Library", "Biblioteca", "라이브러리"),
        **four("bibliotheque", "library", "biblioteca", "라이브러리", field="slug"),
        **four("Les pratiques et les cas.", "Practices and cases.", "Prácticas y casos.", "실천 사례와 협력 사례.",
               field="intro"),
    )
    return add_page(share_pillar, page)


def terms(model, *slugs):
    return list(model.objects.filter(slug__in=slugs))


@pytest.fixture
def items(library):
    """Three practices and three cases (one French-only, one draft), spread over the facets."""
    montreal = territory("montreal", "Montréal", "CA", "Canada", 45.5017, -73.5673, ko="몬트리올")
    seoul = territory("seoul", "Séoul", "KR", "Corée du Sud", 37.5665, 126.9780, en="Seoul", ko="서울")
    mondragon = territory("mondragon", "Mondragón", "ES", "Espagne", 43.0645, -2.4898)
    local_dev = theme("developpement-local", "Développement local", "Local development", "Desarrollo local",
                      "지역 개발")
    finance = theme("finance-solidaire", "Finance solidaire", "Solidarity finance", "Finanzas solidarias",
                    "연대 금융")
    publication, case_study = ResourceType.objects.get(slug="publication"), ResourceType.objects.get(slug="case-study")
    result = {
        "cdec": practice(
            "cdec-montreal", {"fr": "Les CDEC de Montréal", "en": "Montréal's CDECs", "es": "Las CDEC de Montreal",
                              "ko": "몬트리올의 지역경제개발공사"},
            summary={"fr": "Des corporations de développement économique communautaire dans les quartiers.",
                     "en": "Community economic development corporations in the neighbourhoods.",
                     "es": "Corporaciones de desarrollo económico comunitario en los barrios.",
                     "ko": "동네마다 자리 잡은 지역경제개발공사."},
            territory=montreal, start_year=1984, end_year=2015, resource_type=case_study,
            themes=[local_dev], stakeholder_types=terms(StakeholderType, "local-governments", "sse-enterprises"),
        ),
        "seoul": practice(
            "seoul-ecosystem", {"fr": "L'écosystème de l'ÉSS à Séoul", "en": "Seoul's SSE ecosystem",
                                "es": "El ecosistema de la ESS en Seúl", "ko": "서울의 사회적경제 생태계"},
            summary={"fr": "De 340 à 2 800 entreprises depuis 2012.", "en": "From 340 to 2,800 enterprises since 2012.",
                     "es": "De 340 a 2.800 empresas desde 2012.",
                     "ko": "협동조합은 2012년 이후 340개에서 2,800개로 늘었다."},
            territory=seoul, start_year=2012, resource_type=publication,
            themes=[local_dev], stakeholder_types=terms(StakeholderType, "local-governments"),
        ),
        "mondragon": practice(
            "mondragon", {"fr": "Le groupe coopératif de Mondragón", "en": "The Mondragón co-operative group",
                          "es": "El grupo cooperativo de Mondragón", "ko": "몬드라곤 협동조합 그룹"},
            summary={"fr": "Des coopératives industrielles liées par une banque et une université.",
                     "en": "Industrial co-operatives tied together by a bank and a university.",
                     "es": "Cooperativas industriales unidas por un banco y una universidad.",
                     "ko": "은행과 대학으로 연결된 산업 협동조합들."},
            territory=mondragon, start_year=1956, resource_type=case_study,
            themes=[finance], stakeholder_types=terms(StakeholderType, "sse-enterprises", "universities-researchers"),
        ),
        "seoul_case": case(
            "seoul-co-governance", {"fr": "La cogouvernance à Séoul", "en": "Co-governance in Seoul",
                                    "es": "La cogobernanza en Seúl", "ko": "서울의 협치"},
            summary={"fr": "La ville et les réseaux de l'ÉSS bâtissent ensemble un plan.",
                     "en": "The city and SSE networks build a plan together.",
                     "es": "La ciudad y las redes de la ESS construyen juntas un plan.",
                     "ko": "시와 사회적경제 네트워크가 함께 계획을 세운다."},
            territory=seoul, start_year=2012, end_year=2020, resource_type=case_study,
            collaboration_form=CollaborationForm.objects.get(slug="partnership"),
            stages=terms(CollaborationStage, "know-needs", "build-solutions"),
            themes=[local_dev], stakeholder_types=terms(StakeholderType, "local-governments", "social-movements"),
        ),
        "quebec_case": case(
            "politique-nationale-ruralite", "Politique nationale de la ruralité",
            summary="Des pactes ruraux signés entre Québec et les municipalités régionales de comté.",
            territory=montreal, start_year=2002, end_year=2014,
            collaboration_form=CollaborationForm.objects.get(slug="network"),
            stages=terms(CollaborationStage, "manage-jointly"),
            themes=[local_dev], stakeholder_types=terms(StakeholderType, "national-regional-governments"),
        ),
        "draft": case(
            "brouillon-secret", "Brouillon secret de Mondragón", publish=False,
            summary="Ce brouillon ne doit jamais apparaître.", territory=mondragon, start_year=2020,
            collaboration_form=CollaborationForm.objects.get(slug="federation"),
            themes=[finance],
        ),
    }
    return result
