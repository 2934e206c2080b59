"""Uploads, the way editors and partners make them: through the Wagtail admin's image and
document forms (one file, and the multiple-upload page), and the partner space's logo field.

Every refused file must give a message on the form (in the person's language), never a 500,
and leave no row and no file behind. Documents are only ever served through Wagtail's view,
which checks the collection's restrictions, and always as an attachment under a policy that
lets nothing run.
"""

import io
import os
import zipfile
from html import escape

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.users.models import UserProfile

from tests.partners.space.conftest import logged_in, make_user, partner_a, rep_a  # noqa: F401
from tests.partners.space.helpers import profile_data

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'


# --- Files ----------------------------------------------------------------------------------
def picture(fmt="PNG", size=(40, 30), mode="RGB"):
    buffer = io.BytesIO()
    PILImage.new(mode, size, 1 if mode == "1" else (200, 40, 40)).save(buffer, fmt)
    return buffer.getvalue()


def noise_png(width):
    """A PNG that does not compress: about 3 bytes per pixel on disk."""
    buffer = io.BytesIO()
    PILImage.frombytes("RGB", (width, width), os.urandom(width * width * 3)).save(buffer, "PNG", compress_level=0)
    return buffer.getvalue()


def animated_gif(frames, size):
    buffer = io.BytesIO()
    images = [PILImage.new("P", size, index % 2) for index in range(frames)]
    images[0].save(buffer, "GIF", save_all=True, append_images=images[1:])
    return buffer.getvalue()


def office_file(member="word/document.xml"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<document/>")
    return buffer.getvalue()


def plain_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.exe", b"MZ")
    return buffer.getvalue()


def file_errors(response, language="en"):
    """The errors shown under the file field, checked to be on the page the person reads."""
    with translation.override(language):  # the messages are lazy: read them as the page did
        errors = [str(error) for error in response.context["form"].errors.get("file", [])]
    html = response.content.decode()
    assert len(errors) == 1, errors  # one clear reason, not a pile of them
    assert escape(errors[0]) in html
    return errors[0]


def media_files():
    found = []
    for root, _dirs, files in os.walk(settings.MEDIA_ROOT):
        found += [os.path.join(root, name) for name in files]
    return sorted(found)


# Each case: file name, content (a callable, so the big ones are made only when used), and a
# fragment of the message the person reads (Wagtail's own text, or ours from uploads.py).
BAD_IMAGES = {
    "svg": ("logo.svg", lambda: SVG, "Not a supported image format"),
    "svg-named-png": ("logo.png", lambda: SVG, "Not a valid .png image"),
    "jpeg-named-png": ("photo.png", lambda: picture("JPEG"), "Not a valid .png image"),
    "text-named-jpg": ("photo.jpg", lambda: b"just some text, not a picture", "Upload a valid image"),
    "truncated-png": ("cut.png", lambda: picture(size=(400, 300))[:200], "damaged or incomplete"),
    # 64 megapixels in a few kilobytes: refused from the header, never decoded.
    "bomb": ("bomb.png", lambda: picture(size=(8000, 8000), mode="1"), "too many pixels"),
    # Beyond Pillow's own limit (2 x 89 megapixels), where Pillow itself refuses to open it.
    "pillow-bomb": ("huge.png", lambda: picture(size=(14000, 14000), mode="1"), "too many pixels"),
    # 50 frames of a megapixel: the pixel limit counts every frame of an animation.
    "gif-frames": ("anim.gif", lambda: animated_gif(50, (1000, 1000)), "too many pixels"),
    "over-5-mb": ("big.png", lambda: noise_png(1400), "This file is too big"),
    # An animated PNG, however small: Wagtail's image library cannot read one at all.
    "apng": ("anim.png", lambda: animated_png(3, (60, 40)), "Upload a valid image"),
}


def animated_png(frames, size):
    buffer = io.BytesIO()
    images = [PILImage.new("RGB", size, (40 * n, 90, 200 - 40 * n)) for n in range(frames)]
    images[0].save(buffer, "PNG", save_all=True, append_images=images[1:], duration=100, loop=0)
    return buffer.getvalue()


@pytest.fixture
def editor_client(db):
    """An editor of the admin (the Editors group), French as the admin language."""
    return admin_in(Client(), make_user("redactrice", groups=["Editors"]), "fr")


def admin_in(client, user, language):
    """The admin speaks the language chosen in the user's profile, whatever the browser says."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return client


@pytest.fixture
def admin_en(client, admin_user):
    return admin_in(client, admin_user, "en")


# --- Images in the admin --------------------------------------------------------------------
@pytest.mark.parametrize("case", BAD_IMAGES)
def test_a_bad_image_on_the_add_form_is_a_form_error_and_nothing_is_kept(admin_en, case):
    name, content, message = BAD_IMAGES[case]
    before = media_files()
    upload = SimpleUploadedFile(name, content(), content_type="application/octet-stream")
    response = admin_en.post(reverse("wagtailimages:add"), {"title": "Bad", "file": upload})
    assert response.status_code == 200  # the form again, with its error
    assert message.lower() in file_errors(response).lower()
    assert get_image_model().objects.count() == 0
    assert media_files() == before


@pytest.mark.parametrize("case", BAD_IMAGES)
def test_a_bad_image_on_the_multiple_upload_page_is_an_error_next_to_the_file(admin_en, case):
    name, content, message = BAD_IMAGES[case]
    before = media_files()
    upload = SimpleUploadedFile(name, content(), content_type="application/octet-stream")
    response = admin_en.post(reverse("wagtailimages:add_multiple"), {"files[]": upload})
    assert response.status_code == 200
    data = response.json()
    assert data["success"] is False and message.lower() in data["error_message"].lower()
    assert "\n" not in data["error_message"]  # one reason (the page joins several with newlines)
    assert get_image_model().objects.count() == 0
    assert media_files() == before


@pytest.mark.parametrize("view", ["wagtailimages:add", "wagtailimages:add_multiple"])
def test_a_decompression_bomb_is_refused_without_being_decoded(admin_en, view, monkeypatch):
    """Wagtail's own pixel check (through Willow) decodes the whole picture to read its size:
    64 megapixels of RGBA would be 256 MB in memory before the refusal. Ours reads the header."""
    from PIL import ImageFile

    decoded = []
    real_load = ImageFile.ImageFile.load

    def recording_load(image):
        decoded.append(image.size)
        return real_load(image)

    monkeypatch.setattr(ImageFile.ImageFile, "load", recording_load)
    bomb = SimpleUploadedFile("bomb.png", picture(size=(8000, 8000), mode="1"), "image/png")
    field = "file" if view == "wagtailimages:add" else "files[]"
    response = admin_en.post(reverse(view), {"title": "Bomb", field: bomb})
    assert response.status_code == 200
    assert decoded == []
    assert get_image_model().objects.count() == 0


def test_a_good_image_is_accepted_by_both_forms(admin_en):
    one = admin_en.post(reverse("wagtailimages:add"),
                        {"title": "Photo", "file": SimpleUploadedFile("photo.png", picture(), "image/png")})
    assert one.status_code == 302
    many = admin_en.post(reverse("wagtailimages:add_multiple"),
                         {"files[]": SimpleUploadedFile("photo.jpg", picture("JPEG"), "image/jpeg")})
    assert many.json()["success"] is True
    assert sorted(get_image_model().objects.values_list("width", "height")) == [(40, 30), (40, 30)]


def test_the_error_is_in_the_editors_admin_language(editor_client):
    """The editor chose French for the admin: Wagtail's and our messages come in French."""
    bomb = SimpleUploadedFile("bomb.png", picture(size=(8000, 8000), mode="1"), "image/png")
    response = editor_client.post(reverse("wagtailimages:add"), {"title": "Bombe", "file": bomb})
    assert response.status_code == 200
    assert "trop grand nombre de pixels" in file_errors(response, "fr")
    cut = SimpleUploadedFile("cut.png", picture(size=(400, 300))[:200], "image/png")
    data = editor_client.post(reverse("wagtailimages:add_multiple"), {"files[]": cut}).json()
    assert data["success"] is False and "endommagée" in data["error_message"]
    assert get_image_model().objects.count() == 0


# --- Documents in the admin -----------------------------------------------------------------
BAD_DOCUMENTS = {
    "html-named-pdf": ("report.pdf", lambda: b"<html><script>alert(1)</script></html>", "does not match"),
    "script-named-txt": ("notes.txt", lambda: b"<script>alert(document.cookie)</script>", "does not match"),
    "svg-named-txt": ("notes.txt", lambda: b"\xef\xbb\xbf  " + SVG, "does not match"),
    "binary-named-csv": ("table.csv", lambda: b"a,b\x00\x01\x02", "does not match"),
    "broken-docx": ("report.docx", lambda: b"PK\x03\x04 not really a zip", "does not match"),
    "zip-named-docx": ("report.docx", plain_zip, "does not match"),
    "xlsx-named-docx": ("report.docx", lambda: office_file("xl/workbook.xml"), "does not match"),
    "pdf-named-rtf": ("letter.rtf", lambda: b"%PDF-1.4\n", "does not match"),
    "html": ("page.html", lambda: b"<html><script>alert(1)</script></html>", "is not allowed"),
    "svg": ("drawing.svg", lambda: SVG, "is not allowed"),
    "no-extension": ("README", lambda: b"text", "is not allowed"),
    "over-10-mb": ("big.pdf", lambda: b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024), "This file is too big"),
}
GOOD_DOCUMENTS = {
    "pdf": ("report.pdf", lambda: b"%PDF-1.4\n%test\n"),
    "txt": ("notes.txt", lambda: "Notes du comité, 한국어 포함.\n".encode()),
    "csv": ("table.csv", lambda: b"\xef\xbb\xbfcity,year\nMontreal,1984\n"),
    "docx": ("report.docx", office_file),
    "xlsx": ("table.xlsx", lambda: office_file("xl/workbook.xml")),
    "rtf": ("letter.rtf", lambda: b"{\\rtf1 Bonjour}"),
}


@pytest.mark.parametrize("case", BAD_DOCUMENTS)
def test_a_bad_document_on_the_add_form_is_a_form_error_and_nothing_is_kept(admin_en, case):
    name, content, message = BAD_DOCUMENTS[case]
    before = media_files()
    upload = SimpleUploadedFile(name, content(), content_type="application/octet-stream")
    response = admin_en.post(reverse("wagtaildocs:add"), {"title": "Bad", "file": upload})
    assert response.status_code == 200
    assert message.lower() in file_errors(response).lower()
    assert get_document_model().objects.count() == 0
    assert media_files() == before


@pytest.mark.parametrize("case", BAD_DOCUMENTS)
def test_a_bad_document_on_the_multiple_upload_page_is_an_error_next_to_the_file(admin_en, case):
    name, content, message = BAD_DOCUMENTS[case]
    before = media_files()
    upload = SimpleUploadedFile(name, content(), content_type="application/octet-stream")
    response = admin_en.post(reverse("wagtaildocs:add_multiple"), {"files[]": upload})
    assert response.status_code == 200
    data = response.json()
    assert data["success"] is False and message.lower() in data["error_message"].lower()
    assert "\n" not in data["error_message"]
    assert get_document_model().objects.count() == 0
    assert media_files() == before


@pytest.mark.parametrize("case", GOOD_DOCUMENTS)
def test_a_good_document_is_accepted_by_both_forms(admin_en, case):
    name, content = GOOD_DOCUMENTS[case]
    one = admin_en.post(reverse("wagtaildocs:add"), {"title": name, "file": SimpleUploadedFile(name, content())})
    assert one.status_code == 302
    many = admin_en.post(reverse("wagtaildocs:add_multiple"), {"files[]": SimpleUploadedFile(name, content())})
    assert many.json()["success"] is True
    assert get_document_model().objects.count() == 2


# --- Serving documents ----------------------------------------------------------------------
def add_document(name, content, collection=None):
    Document = get_document_model()
    document = Document(title=name, file=SimpleUploadedFile(name, content),
                        collection=collection or Collection.get_first_root_node())
    document.save()
    return document


@pytest.mark.django_db
@pytest.mark.parametrize("name,content", [
    ("report.pdf", b"%PDF-1.4\n%test\n"),
    ("notes.txt", b"plain notes"),
    ("table.csv", b"a,b\n1,2\n"),
])
def test_documents_are_served_by_the_view_as_attachments_under_a_policy_that_runs_nothing(client, name, content):
    document = add_document(name, content)
    response = client.get(document.url)
    assert document.url.startswith("/documents/")  # the view, not the media folder
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Disposition"].startswith("attachment;")
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "sandbox" in csp and "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_the_media_folder_does_not_serve_documents(client):
    document = add_document("report.pdf", b"%PDF-1.4\n%test\n")
    assert client.get(f"{settings.MEDIA_URL}{document.file.name}").status_code == 404


@pytest.fixture
def private_collection(db):
    collection = Collection.get_first_root_node().add_child(name="Interne")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    return collection


def test_a_document_in_a_restricted_collection_asks_for_a_log_in(client, private_collection):
    document = add_document("minutes.pdf", b"%PDF-1.4\n%board\n", private_collection)
    anonymous = client.get(document.url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    member = make_user("membre")
    client.force_login(member)
    response = client.get(document.url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")


# --- The partner space's logo ---------------------------------------------------------------
@pytest.mark.parametrize("language,name,content,message", [
    ("ko", "logo.svg", lambda: SVG, "SVG는 받지 않습니다"),
    ("ko", "logo.png", lambda: SVG, "읽을 수 있는 PNG"),
    ("en", "logo.png", lambda: picture("JPEG"), "does not match its content (JPEG)"),
    ("es", "logo.png", lambda: picture(size=(8000, 8000), mode="1"), "demasiados píxeles: 16 millones"),
    ("fr", "logo.png", lambda: picture(size=(400, 300))[:200], "lisible"),
])
def test_a_bad_logo_is_a_form_error_in_the_partners_language(client, rep_a, partner_a, language, name,  # noqa: F811
                                                            content, message):
    from partners.models import Partner

    logged_in(client, rep_a)
    before, revision = media_files(), Partner.objects.get(pk=partner_a.pk).latest_revision_id
    with translation.override(language):  # the space's addresses are translated
        url = reverse("partner_space:partner_edit", kwargs={"slug": partner_a.slug})
    response = client.post(url, profile_data(partner_a, logo=SimpleUploadedFile(name, content(), "image/png")))
    assert response.status_code == 400
    html = response.content.decode()
    assert f'<html lang="{language}"' in html and message in html
    assert get_image_model().objects.count() == 0
    assert media_files() == before
    assert Partner.objects.get(pk=partner_a.pk).latest_revision_id == revision
