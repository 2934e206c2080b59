"""Upload safety: files are checked for what they really are, and a full disk is an error
message, never a 500 or a half-saved file.

- Images (WAGTAILIMAGES_IMAGE_FORM_BASE): Wagtail already refuses a wrong extension (SVG is
  not allowed), a size over WAGTAILIMAGES_MAX_UPLOAD_SIZE, more pixels than
  WAGTAILIMAGES_MAX_IMAGE_PIXELS (read from the header, so decompression bombs never get
  decoded) and a format that does not match the extension. This form also decodes the whole
  picture, so a truncated or corrupt file is refused here instead of failing later when a
  rendition is made, after the row has been saved.
- Documents (WAGTAILDOCS_DOCUMENT_FORM_BASE): the content must match the extension (a .pdf
  starts with %PDF-, an office file is the right kind of zip, a .txt or .csv is text and not
  markup).
- Storage (cities_portal/storage.py): a write that fails (disk full) removes what it had
  written, and UploadErrorMiddleware turns the error into a message on the upload form.
"""

import errno
import logging
import os
import zipfile

from django import forms
from django.contrib import messages
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpResponseRedirect, JsonResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

logger = logging.getLogger("cities_portal.uploads")

STORAGE_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS}
_MULTIPLE_UPLOAD_PATHS = ("/admin/images/multiple/add/", "/admin/documents/multiple/add/")


def _new_upload(value):
    return isinstance(value, UploadedFile)


class SafeImageForm(BaseImageForm):
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
            raise forms.ValidationError(
                _("This image is damaged or incomplete and cannot be read. Export it again and retry."),
                code="invalid_image",
            ) from None
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


def is_storage_full(exc):
    return isinstance(exc, OSError) and exc.errno in STORAGE_FULL_ERRNOS


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
        message = gettext(
            "The file could not be stored: the server has no space left for uploads. "
            "Nothing was saved; please tell the site administrators."
        )
        if request.path.startswith(_MULTIPLE_UPLOAD_PATHS):
            # Wagtail's multiple-upload page shows error_message next to the file.
            return JsonResponse({"success": False, "error_message": message})
        messages.error(request, message)
        return HttpResponseRedirect(request.get_full_path())
