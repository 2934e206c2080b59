"""Fixtures of the partner tests: the directory page under the home page, and partners."""

import pytest

from partners.models import Partner, PartnerDirectoryPage
from tests.conftest import add_page, four
from tests.partners.factories import all_four, partner
from tests.practices.conftest import library, share_pillar  # noqa: F401  (the library, for linked practices)


@pytest.fixture
def directory(home):
    page = PartnerDirectoryPage(
        **four("Partenaires", "Partners", "Socios", "파트너"),
        **four("partenaires", "partners", "socios", "파트너", field="slug"),
        **four("Les organisations qui font le centre.", "The organisations behind the centre.",
               "Las organizaciones que forman el centro.", "센터를 이루는 기관들.", field="intro"),
    )
    return add_page(home, page)


@pytest.fixture
def montreal(directory):
    return partner(
        "ville-de-montreal",
        all_four("Ville de Montréal", "City of Montréal", "Ciudad de Montreal", "몬트리올시"),
        kind=Partner.Kind.FOUNDER, territory=Partner.Territory.QUEBEC, country_code="CA",
        city=all_four("Montréal", "Montréal", "Montreal", "몬트리올"),
        description=all_four("La ville a co-organisé le GSEF2016.", "The city co-hosted GSEF2016.",
                             "La ciudad coorganizó el GSEF2016.", "시는 2016년 GSEF를 공동 개최했다."),
        key_facts=all_four("Hôte du GSEF2016\n1 500 participants", "Host of GSEF2016\n1,500 participants",
                           "Sede del GSEF2016\n1.500 participantes", "2016년 GSEF 개최\n참가자 1,500명"),
        website="https://montreal.ca/", contact_email="ess@montreal.example",
    )


@pytest.fixture
def seoul(directory):
    return partner(
        "seoul-metropolitan-government",
        all_four("Gouvernement métropolitain de Séoul", "Seoul Metropolitan Government",
                 "Gobierno Metropolitano de Seúl", "서울특별시"),
        kind=Partner.Kind.FOUNDER, territory=Partner.Territory.SEOUL, country_code="KR",
        description=all_four("De 340 à plus de 2 800 entreprises d'ÉSS depuis 2012.",
                             "From 340 to more than 2,800 SSE enterprises since 2012.",
                             "De 340 a más de 2.800 empresas de ESS desde 2012.",
                             "2012년 이후 사회적경제 기업이 340개에서 2,800개 이상으로 늘었다."),
    )


@pytest.fixture
def french_only_partner(directory):
    """A partner written in French only: the other languages fall back to it."""
    return partner(
        "risq", "Réseau d'investissement social du Québec", acronym="RISQ",
        kind=Partner.Kind.FINANCIAL, territory=Partner.Territory.QUEBEC,
        description="Un fonds de capital de risque à but non lucratif pour les entreprises d'économie sociale.",
        key_facts="Prêt de prédémarrage à C.I.T.I.E.S. en 2016",
    )


@pytest.fixture
def draft_partner(directory):
    return partner("brouillon-secret", "Partenaire en brouillon secret", publish=False,
                   kind=Partner.Kind.NETWORK, territory=Partner.Territory.INTERNATIONAL)
