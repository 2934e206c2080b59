"""Upload safety: files are checked for what they really are, and a full disk is an error
message, never a 500 or a half-saved file.

- Images (WAGTAILIMAGES_IMAGE_FORM_BASE): Wagtail refuses a wrong extension (SVG is not
  allowed), a size over WAGTAILIMAGES_MAX_UPLOAD_SIZE, more pixels than
  WAGTAILIMAGES_MAX_IMAGE_PIXELS and a format that does not match the extension. But with
  Pillow its pixel check decodes the whole picture first (Willow loads it to read the size),
  counts one frame per animation, and lets a truncated file raise (a 500). SafeImageField
  therefore reads the size and the frame count from the header before Wagtail's checks, so
  a decompression bomb is refused without being decoded, and turns a decoding error into a
  form error. The form then decodes the whole picture, so a corrupt file is refused here
  instead of failing later when a rendition is made, after the row has been saved.
- Documents (WAGTAILDOCS_DOCUMENT_FORM_BASE): the content must match the extension (a .pdf
  starts with %PDF-, an office file is the right kind of zip, a .txt or .csv is text and not
  markup). A refused file is reported once (Wagtail's model check would add a second,
  confusing "extension “” is not allowed" about the file it no longer has).
- Storage (cities_portal/storage.py): a write that fails (disk full) removes what it had
  written, and UploadErrorMiddleware turns the error into a message on the upload form.
"""

import errno
import logging
import os
import warnings
import zipfile

from django import forms
from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpResponseRedirect, JsonResponse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

logger = logging.getLogger("cities_portal.uploads")

STORAGE_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS}
_MULTIPLE_UPLOAD_PATHS = ("/admin/images/multiple/add/", "/admin/documents/multiple/add/")


def _new_upload(value):
    return isinstance(value, UploadedFile)


DAMAGED_IMAGE = _("This image is damaged or incomplete and cannot be read. Export it again and retry.")


class SafeImageField(WagtailImageField):
    """Wagtail's image field, with the pixel count read from the header before anything is
    decoded (every frame of an animation counted) and decoding errors made form errors."""

    def to_python(self, data):
        if isinstance(data, UploadedFile):
            self.check_image_file_size(data)
            self.check_header_pixels(data)
        try:
            return super().to_python(data)
        except forms.ValidationError:
            raise
        except Exception:  # Willow decodes to read the size: a truncated file raises here
            raise forms.ValidationError(DAMAGED_IMAGE, code="invalid_image") from None

    def check_header_pixels(self, upload):
        if self.max_image_pixels is None:
            return
        try:
            upload.seek(0)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
                with PILImage.open(upload) as picture:  # reads the header, decodes nothing
                    width, height = picture.size
                    frames = getattr(picture, "n_frames", 1)  # counted from frame headers
        except PILImage.DecompressionBombError:
            width, height, frames = None, None, None
        except Exception:  # not a picture Pillow knows: Wagtail's checks say what is wrong
            return
        finally:
            upload.seek(0)
        pixels = width * height * frames if width is not None else None
        if pixels is None or pixels > self.max_image_pixels:
            raise forms.ValidationError(
                self.error_messages["file_too_many_pixels"] % {
                    "num_pixels": pixels if pixels is not None else gettext("unknown number"),
                    "max_pixels_count": self.max_image_pixels,
                },
                code="file_too_many_pixels",
            )


class SafeImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        # Wagtail builds this form with its own field for the file (formfield_callback), so
        # the safer subclass is put in place on the form's copy of that field.
        if type(field) is WagtailImageField:
            field.__class__ = SafeImageField

    def clean_file(self):
        value = self.cleaned_data.get("file")
        if not _new_upload(value):
            return value
        try:
            value.seek(0)
            with PILImage.open(value) as picture:
                picture.load()
        except PILImage.DecompressionBombError:
            raise forms.ValidationError(
                _("This image has too many pixels."), code="file_too_many_pixels"
            ) from None
        except Exception:
            raise forms.ValidationError(DAMAGED_IMAGE, code="invalid_image") from None
        finally:
            value.seek(0)
        return value


_ZIP_MEMBERS = {
    "docx": "word/", "xlsx": "xl/", "pptx": "ppt/",
}
_ODF_MIMETYPES = {"odt": b"application/vnd.oasis.opendocument.text"}
_MARKUP = (b"<!doctype", b"<html", b"<script", b"<svg", b"<?xml", b"<iframe")


def document_content_error(name, head, fileobj):
    """Why the content does not match the extension, or None."""
    extension = os.path.splitext(name)[1].lower().lstrip(".")
    if extension == "pdf":
        return None if head.startswith(b"%PDF-") else "pdf"
    if extension == "rtf":
        return None if head.startswith(b"{\\rtf") else "rtf"
    if extension in ("txt", "csv"):
        lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if b"\x00" in head or lowered.startswith(_MARKUP):
            return extension
        return None
    if extension in _ZIP_MEMBERS or extension in _ODF_MIMETYPES:
        try:
            fileobj.seek(0)
            with zipfile.ZipFile(fileobj) as archive:
                names = archive.namelist()
                if extension in _ODF_MIMETYPES:
                    ok = "mimetype" in names and archive.read("mimetype").strip() == _ODF_MIMETYPES[extension]
                else:
                    ok = "[Content_Types].xml" in names and any(n.startswith(_ZIP_MEMBERS[extension]) for n in names)
        except (zipfile.BadZipFile, OSError, KeyError, ValueError):
            ok = False
        return None if ok else extension
    return None


class SafeDocumentForm(BaseDocumentForm):
    def clean_file(self):
        value = self.cleaned_data.get("file")
        if not _new_upload(value):
            return value
        try:
            value.seek(0)
            head = value.read(64 * 1024)
            problem = document_content_error(value.name, head, value)
        finally:
            value.seek(0)
        if problem:
            raise forms.ValidationError(
                _("The content of this file does not match its extension (.%(extension)s)."),
                code="invalid_document_content",
                params={"extension": problem},
            )
        return value

    def _post_clean(self):
        refused = self._errors.get("file") if self._errors else None
        refused = list(refused.as_data()) if refused else None
        super()._post_clean()
        if refused is not None:
            # Document.clean() checks the extension of the file the form no longer holds
            # and adds "File extension “” is not allowed": keep only the real reason.
            self._errors["file"] = self.error_class(refused, renderer=self.renderer)


STORAGE_FULL = _(
    "The file could not be stored: the server has no space left for uploads. "
    "Nothing was saved; please tell the site administrators."
)


def is_storage_full(exc):
    return isinstance(exc, OSError) and exc.errno in STORAGE_FULL_ERRNOS


def storage_full_error():
    """The form error for an upload the media disk had no room for (partner space)."""
    return forms.ValidationError(STORAGE_FULL, code="storage_full")


def _admin_language(request):
    """The language of the admin page the request came from, else the active one."""
    user = getattr(request, "user", None)
    if request.path.startswith("/admin/") and user is not None and user.is_authenticated:
        profile = getattr(user, "wagtail_userprofile", None)
        if profile is not None:
            return profile.get_preferred_language()
    return translation.get_language()


class UploadErrorMiddleware:
    """A full (or read-only) media disk during an upload: a message, not a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.method != "POST" or not is_storage_full(exception):
            return None
        logger.error("upload failed, media storage full or read-only: %s", exception)
        # The exception has left Wagtail's translation.override(): speak the admin language
        # the editor chose again, not the browser's.
        with translation.override(_admin_language(request)):
            message = str(STORAGE_FULL)
        if request.path.startswith(_MULTIPLE_UPLOAD_PATHS):
            # Wagtail's multiple-upload page shows error_message next to the file.
            return JsonResponse({"success": False, "error_message": message})
        messages.error(request, message)
        return HttpResponseRedirect(request.get_full_path())
