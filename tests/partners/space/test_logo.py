"""Logo uploads: real PNG/JPEG/WebP only, matching extension, size and pixel limits, clear
messages, never a 500, and nothing left behind when the upload is refused."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.images import get_image_model

from partners.models import Partner
from tests.partners.space.conftest import logged_in
from tests.partners.space.helpers import image_file, profile_data

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'


def edit_url(partner):
    return reverse("partner_space:partner_edit", kwargs={"slug": partner.slug})


def media_files(settings):
    found = []
    for root, _dirs, files in os.walk(settings.MEDIA_ROOT):
        found += [os.path.join(root, name) for name in files]
    return sorted(found)


@pytest.mark.parametrize("name,fmt", [("logo.png", "PNG"), ("logo.jpg", "JPEG"), ("logo.jpeg", "JPEG"),
                                      ("logo.webp", "WEBP")])
def test_a_valid_logo_goes_into_the_pending_revision_only(client, rep_a, partner_a, name, fmt):
    response = logged_in(client, rep_a).post(edit_url(partner_a), profile_data(partner_a, logo=image_file(name, fmt)))
    assert response.status_code == 302
    partner = Partner.objects.get(pk=partner_a.pk)
    assert partner.logo_id is None  # the public profile keeps its logo until approval
    pending = partner.latest_revision.as_object()
    image = get_image_model().objects.get(pk=pending.logo_id)
    assert image.uploaded_by_user == rep_a
    assert image.file.name.endswith("." + {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}[fmt])
    assert (image.width, image.height) == (40, 20)


def refused(client, partner, upload, settings):
    before_images = get_image_model().objects.count()
    before_files = media_files(settings)
    before_revision = Partner.objects.get(pk=partner.pk).latest_revision_id
    response = client.post(edit_url(partner), profile_data(partner, logo=upload))
    assert response.status_code == 400
    assert get_image_model().objects.count() == before_images
    assert media_files(settings) == before_files
    assert Partner.objects.get(pk=partner.pk).latest_revision_id == before_revision
    return response.content.decode()


def test_svg_is_refused(client, rep_a, partner_a, settings):
    logged_in(client, rep_a)
    html = refused(client, partner_a, SimpleUploadedFile("logo.svg", SVG, "image/svg+xml"), settings)
    assert "PNG, JPEG" in html and "SVG" in html


def test_svg_disguised_as_png_is_refused(client, rep_a, partner_a, settings):
    logged_in(client, rep_a)
    html = refused(client, partner_a, SimpleUploadedFile("logo.png", SVG, "image/png"), settings)
    assert "PNG, JPEG" in html


def test_an_extension_that_does_not_match_the_content_is_refused(client, rep_a, partner_a, settings):
    logged_in(client, rep_a)
    html = refused(client, partner_a, image_file("logo.png", "JPEG"), settings)
    assert ".png" in html and "JPEG" in html


def test_gif_is_refused(client, rep_a, partner_a, settings):
    logged_in(client, rep_a)
    refused(client, partner_a, image_file("logo.png", "GIF"), settings)


def test_a_damaged_file_is_refused(client, rep_a, partner_a, settings):
    logged_in(client, rep_a)
    data = image_file("logo.png").read()[:60]
    html = refused(client, partner_a, SimpleUploadedFile("logo.png", data, "image/png"), settings)
    assert "lisible" in html or "readable" in html


def test_a_file_over_the_size_limit_is_refused(client, rep_a, partner_a, settings):
    settings.PARTNER_SPACE_LOGO_MAX_BYTES = 1000
    logged_in(client, rep_a)
    buffer = io.BytesIO()
    Image.effect_noise((200, 200), 100).convert("RGB").save(buffer, "PNG")
    assert len(buffer.getvalue()) > 1000
    refused(client, partner_a, SimpleUploadedFile("logo.png", buffer.getvalue(), "image/png"), settings)


def test_too_many_pixels_is_refused_without_decoding(client, rep_a, partner_a, settings):
    """A small file that would decode into a huge picture (a decompression bomb)."""
    logged_in(client, rep_a)
    buffer = io.BytesIO()
    Image.new("1", (6000, 6000)).save(buffer, "PNG")  # 36 megapixels in a few kilobytes
    assert len(buffer.getvalue()) < 100_000
    html = refused(client, partner_a, SimpleUploadedFile("logo.png", buffer.getvalue(), "image/png"), settings)
    assert "16" in html


def test_an_error_while_saving_leaves_no_image_file_behind(client, rep_a, partner_a, settings, monkeypatch):
    from partners.space import actions

    def broken_submit(obj, user):
        raise RuntimeError("workflow broken")

    monkeypatch.setattr(actions, "submit_for_moderation", broken_submit)
    logged_in(client, rep_a)
    before_files = media_files(settings)
    client.raise_request_exception = False
    response = client.post(edit_url(partner_a), profile_data(partner_a, logo=image_file()))
    assert response.status_code == 500
    assert get_image_model().objects.count() == 0
    assert media_files(settings) == before_files


@pytest.mark.parametrize("image_format,extension", [("PNG", "png"), ("WEBP", "webp")])
@pytest.mark.parametrize("language,text", [
    ("fr", "Le logo doit être une image fixe"), ("ko", "로고는 움직이지 않는 이미지여야 합니다")])
def test_an_animated_logo_is_refused_with_a_message(client, rep_a, partner_a, settings, image_format, extension,
                                                    language, text):
    """Wagtail cannot read an animated PNG (it was a 500), and every frame of an animation
    would be decoded: a logo must be a still image."""
    from django.utils import translation

    logged_in(client, rep_a)
    colours = [(200, 30, 30), (30, 200, 30), (30, 30, 200), (220, 220, 30)]
    frames = [Image.new("RGB", (120, 120), colour) for colour in colours]
    buffer = io.BytesIO()
    frames[0].save(buffer, image_format, save_all=True, append_images=frames[1:], duration=100, loop=0)
    with Image.open(io.BytesIO(buffer.getvalue())) as check:
        assert check.n_frames > 1
    before = get_image_model().objects.count()
    with translation.override(language):
        url = edit_url(partner_a)
    upload = SimpleUploadedFile(f"logo.{extension}", buffer.getvalue(), f"image/{extension}")
    response = client.post(url, profile_data(partner_a, logo=upload))
    assert response.status_code == 400
    assert text in response.content.decode().replace("&#x27;", "'")
    assert get_image_model().objects.count() == before
