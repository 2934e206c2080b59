"""Fixtures of the services tests: the three pillars, services, events and the request form,
each with texts in the four languages."""

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone

from services.models import (
    EventIndexPage,
    EventPage,
    ServicePage,
    ServicePillarPage,
    TransferFormField,
    TransferRequestFormPage,
)
from tests.conftest import add_page, four

PILLARS = {
    "gather": (("Rassembler", "Gather", "Reunir", "모으기"), ("rassembler", "gather", "reunir", "모으기")),
    "share": (("Partager", "Share", "Compartir", "나누기"), ("partager", "share", "compartir", "나누기")),
    "transfer": (("Transférer", "Transfer", "Transferir", "전하기"),
                 ("transferer", "transfer", "transferir", "전하기")),
}


@pytest.fixture
def pillars(home):
    result = {}
    for key, (titles, slugs) in PILLARS.items():
        page = ServicePillarPage(
            pillar=key, show_in_menus=True, **four(*titles), **four(*slugs, field="slug"),
            **four(f"Intro {titles[0]}", f"Intro {titles[1]}", f"Intro {titles[2]}", f"소개 {titles[3]}",
                   field="intro"),
        )
        result[key] = add_page(home, page)
    return result


@pytest.fixture
def service(pillars):
    page = ServicePage(
        **four("Formations", "Training", "Formación", "교육"),
        **four("formations", "training", "formacion", "교육", field="slug"),
        **four("Des formations pour les élus.", "Courses for elected officials.",
               "Cursos para cargos electos.", "선출직 공무원을 위한 교육.", field="intro"),
        **four("Élus et agents", "Elected officials and staff", "Cargos electos y personal", "선출직과 직원",
               field="audience"),
        **four("Deux jours", "Two days", "Dos días", "이틀", field="service_format"),
        **four("Une feuille de route\nUn réseau", "A road map\nA network", "Una hoja de ruta\nUna red",
               "로드맵\n네트워크", field="outcomes"),
        **four("Écrivez-nous", "Write to us", "Escríbanos", "문의하기", field="cta_label"),
        cta_url="https://example.org/contact",
    )
    return add_page(pillars["transfer"], page)


@pytest.fixture
def event_index(pillars):
    page = EventIndexPage(
        **four("Événements", "Events", "Eventos", "행사"),
        **four("evenements", "events", "eventos", "행사", field="slug"),
        **four("Forums et webinaires.", "Forums and webinars.", "Foros y seminarios web.", "포럼과 웨비나.",
               field="intro"),
    )
    return add_page(pillars["gather"], page)


def make_event(index, slug, start, hours=3, time_zone="America/Montreal", **extra):
    """An event starting at `start` (naive: wall-clock time in `time_zone`, or aware)."""
    zone = zoneinfo.ZoneInfo(time_zone)
    if timezone.is_naive(start):
        start = timezone.make_aware(start, zone)
    values = {
        **four(f"Événement {slug}", f"Event {slug}", f"Evento {slug}", f"행사 {slug}"),
        **four(slug, f"{slug}-en", f"{slug}-es", f"{slug}-ko", field="slug"),
        "venue_fr": "Palais des congrès", "venue_en": "Convention centre",
        "venue_es": "Palacio de congresos", "venue_ko": "컨벤션 센터",
        "city_fr": "Montréal", "city_en": "Montreal", "city_es": "Montreal", "city_ko": "몬트리올",
        "languages": ["fr", "en"],
        "registration_url": "https://example.org/register",
    }
    values.update(extra)
    page = EventPage(start=start, end=start + dt.timedelta(hours=hours), time_zone=time_zone, **values)
    return add_page(index, page)


@pytest.fixture
def events(event_index):
    now = timezone.now()
    return {
        "upcoming": make_event(event_index, "forum", now + dt.timedelta(days=30)),
        "later": make_event(event_index, "mission", now + dt.timedelta(days=60), time_zone="Asia/Seoul"),
        "past": make_event(event_index, "webinaire", now - dt.timedelta(days=30)),
    }


FORM_FIELDS = [
    ("singleline", True, ("Organisation", "Organisation", "Organización", "기관")),
    ("singleline", True, ("Pays", "Country", "País", "국가")),
    ("multiline", True, ("Votre besoin", "Your need", "Su necesidad", "필요한 지원")),
    ("language", False, ("Langue préférée", "Preferred language", "Idioma preferido", "선호 언어")),
    ("email", True, ("Courriel de contact", "Contact e-mail", "Correo de contacto", "연락 이메일")),
]


@pytest.fixture
def form_page(pillars):
    page = TransferRequestFormPage(
        **four("Demande de transfert", "Transfer request", "Solicitud de transferencia", "전수 요청"),
        **four("demande", "request", "solicitud", "요청", field="slug"),
        **four("<p>Dites-nous tout.</p>", "<p>Tell us everything.</p>", "<p>Cuéntenoslo todo.</p>",
               "<p>모두 알려 주세요.</p>", field="intro"),
        **four("<p>Merci, à bientôt.</p>", "<p>Thank you, talk soon.</p>", "<p>Gracias, hasta pronto.</p>",
               "<p>감사합니다.</p>", field="thank_you_text"),
        subject="Demande de transfert",
        from_address="noreply@cities-ess.org",
    )
    for order, (field_type, required, labels) in enumerate(FORM_FIELDS):
        page.form_fields.add(TransferFormField(sort_order=order, field_type=field_type, required=required,
                                               **four(*labels, field="label")))
    return add_page(pillars["transfer"], page)
