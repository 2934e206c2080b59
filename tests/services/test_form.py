"""The transfer request form: success stores and e-mails; errors keep what was typed."""

import re

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import translation
from wagtail.contrib.forms.models import FormSubmission

from services.models.forms import HONEYPOT_FIELD

pytestmark = pytest.mark.django_db


def url(page, code):
    with translation.override(code):
        return page.get_url()


def names(form_page):
    """{label in French: clean name} of the page's fields."""
    return {field.label_fr: field.clean_name for field in form_page.form_fields.all()}


def valid_data(form_page, **changes):
    n = names(form_page)
    data = {
        n["Organisation"]: "Ville de Bilbao",
        n["Pays"]: "Espagne",
        n["Votre besoin"]: "Une mission d'étude sur les coopératives de Mondragón.",
        n["Langue préférée"]: "es",
        n["Courriel de contact"]: "economia.social@bilbao.example",
        HONEYPOT_FIELD: "",
    }
    data.update(changes)
    return data


@override_settings(EDITORS_EMAILS=["editors@cities-ess.org", "direction@cities-ess.org"])
def test_a_valid_request_is_stored_and_emailed_to_the_editors(client, form_page):
    data = valid_data(form_page, **{names(form_page)["Langue préférée"]: "ko"})
    response = client.post(url(form_page, "es"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gracias, hasta pronto." in html
    assert '<html lang="es">' in html
    submission = FormSubmission.objects.get(page=form_page)
    data = submission.get_data()
    assert data[names(form_page)["Organisation"]] == "Ville de Bilbao"
    assert data[names(form_page)["Langue préférée"]] == "ko"  # a code, whatever the visitor read
    assert HONEYPOT_FIELD not in submission.form_data
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["editors@cities-ess.org", "direction@cities-ess.org"]
    assert message.reply_to == ["economia.social@bilbao.example"]
    assert message.subject == "Demande de transfert"
    assert "Ville de Bilbao" in message.body
    assert "Organización: Ville de Bilbao" in message.body  # labels as the visitor saw them
    assert "Idioma preferido: Coreano (ko)" in message.body  # as the visitor saw it, with the code
    assert "espagnol" in message.body.lower()  # the visitor's language, named in French


@override_settings(EDITORS_EMAILS=["editors@cities-ess.org"])
def test_an_extra_address_of_the_page_is_added_once(client, form_page):
    form_page.to_address = "transfer@cities-ess.org, editors@cities-ess.org"
    form_page.save_revision().publish()
    client.post(url(form_page, "fr"), valid_data(form_page))
    assert mail.outbox[0].to == ["transfer@cities-ess.org", "editors@cities-ess.org"]


@pytest.mark.parametrize("code, message", [
    ("fr", "Champ requis."),
    ("en", "This field is required."),
    ("es", "Este campo es necesario."),
    ("ko", "필수 작성 항목입니다"),
])
def test_a_missing_field_reshows_the_form_with_the_typed_values(client, form_page, code, message):
    data = valid_data(form_page, **{names(form_page)["Pays"]: "", names(form_page)["Langue préférée"]: ""})
    response = client.post(url(form_page, code), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'value="Ville de Bilbao"' in html
    assert "Une mission d&#x27;étude sur les coopératives de Mondragón." in html
    assert 'role="alert"' in html
    assert 'aria-invalid="true" aria-describedby="id_pays_error"' in html
    assert 'id="id_pays_error"' in html
    assert not FormSubmission.objects.exists()
    assert not mail.outbox


def test_a_bad_email_is_refused_in_the_visitor_language(client, form_page):
    data = valid_data(form_page, **{names(form_page)["Courriel de contact"]: "not-an-address",
                                    names(form_page)["Langue préférée"]: "en"})
    response = client.post(url(form_page, "en"), data)
    html = response.content.decode()
    assert "Enter a valid email address." in html
    assert 'value="not-an-address"' in html
    assert not FormSubmission.objects.exists()
    assert not mail.outbox


def test_a_filled_honeypot_is_rejected_with_a_generic_message(client, form_page):
    data = valid_data(form_page, **{HONEYPOT_FIELD: "http://spam.example", names(form_page)["Langue préférée"]: ""})
    response = client.post(url(form_page, "en"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your request could not be sent." in html
    assert 'value="Ville de Bilbao"' in html
    assert not FormSubmission.objects.exists()
    assert not mail.outbox


def test_the_honeypot_is_hidden_from_people(client, form_page):
    html = client.get(url(form_page, "fr")).content.decode()
    assert 'class="form-trap" aria-hidden="true"' in html
    assert f'name="{HONEYPOT_FIELD}"' in html
    assert 'tabindex="-1"' in html


@pytest.mark.parametrize("code, label, choice", [
    ("fr", "Langue préférée", "Coréen"),
    ("en", "Preferred language", "Korean"),
    ("es", "Idioma preferido", "Coreano"),
    ("ko", "선호 언어", "한국어"),
])
def test_labels_and_choices_are_translated(client, form_page, code, label, choice):
    html = client.get(url(form_page, code)).content.decode()
    assert label in html
    # The visitor reads the name in their language; the value sent is the code.
    assert f'<option value="ko">{choice}</option>' in html or f'<option value="ko" selected>{choice}</option>' in html
    # Their own language is chosen beforehand.
    assert re.search(f'<option value="{code}" selected>', html)


@pytest.mark.parametrize("code, choice", [("fr", "Coréen"), ("ko", "한국어"), ("en", "Korean")])
def test_the_stored_language_is_a_code_and_editors_read_its_name(client, admin_client, form_page, code, choice):
    """The same choice from /fr/, /en/ or /ko/ is stored as "ko"; the admin's list and its
    spreadsheet show it by name."""
    field = names(form_page)["Langue préférée"]
    response = client.post(url(form_page, code), valid_data(form_page, **{field: "ko"}))
    assert response.status_code == 200
    assert FormSubmission.objects.get(page=form_page).get_data()[field] == "ko"
    listing = admin_client.get(f"/admin/forms/submissions/{form_page.pk}/", HTTP_ACCEPT_LANGUAGE="fr")
    assert listing.status_code == 200
    assert "(ko)" in listing.content.decode()
    export = admin_client.get(f"/admin/forms/submissions/{form_page.pk}/", {"export": "csv"})
    assert "(ko)" in b"".join(export.streaming_content if export.streaming else [export.content]).decode()


def test_a_language_that_is_not_offered_is_refused(client, form_page):
    field = names(form_page)["Langue préférée"]
    response = client.post(url(form_page, "ko"), valid_data(form_page, **{field: "한국어"}))
    assert response.status_code == 200
    assert not FormSubmission.objects.exists()


def test_a_field_without_translation_falls_back_to_french(client, form_page):
    field = form_page.form_fields.get(label_fr="Pays")
    field.label_ko = ""
    field.save()
    html = client.get(url(form_page, "ko")).content.decode()
    assert ">Pays" in html


def test_the_demo_dropdown_and_its_requests_are_migrated_to_codes(client, form_page):
    """A site that loaded the demo before the language field existed: its drop-down, and
    the words its requests stored, become codes; the form then works from /ko/ as from /fr/."""
    from importlib import import_module

    from django.apps import apps

    from tests.conftest import four

    migration = import_module("services.migrations.0005_transfer_form_language_codes")
    field = form_page.form_fields.get(label_fr="Langue préférée")
    field.field_type = "dropdown"
    for key, value in four("Français\nAnglais\nEspagnol\nCoréen", "French\nEnglish\nSpanish\nKorean",
                           "Francés\nInglés\nEspañol\nCoreano", "프랑스어\n영어\n스페인어\n한국어",
                           field="choices").items():
        setattr(field, key, value)
    field.save()
    old = {"fr": "Espagnol", "ko": "한국어"}
    for code, word in old.items():
        assert client.post(url(form_page, code), valid_data(form_page, **{field.clean_name: word})).status_code == 200
    assert sorted(s.get_data()[field.clean_name] for s in FormSubmission.objects.all()) == sorted(old.values())
    migration.to_codes(apps, None)
    field.refresh_from_db()
    assert field.field_type == "language"
    assert sorted(s.get_data()[field.clean_name] for s in FormSubmission.objects.all()) == ["es", "ko"]
    html = client.get(url(form_page, "ko")).content.decode()
    assert '<option value="es">스페인어</option>' in html
