"""Demo content of the partners: every organisation of the centre's "Partenaires" page, live,
in four languages, and the partner directory under the home page.

Every item is created once under a stable key (see cities_portal.demo.DemoLoader): re-running
the command keeps editors' changes and deletions. Logos are generated here (the initials on a
coloured square) rather than copied from the organisations, whose logos we may not reuse.
"""

import io
from pathlib import Path

from django.core.files.images import ImageFile
from django.template.loader import render_to_string
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model

from cities_portal.demo import read_toml, translations
from cities_portal.i18n import LANGUAGE_CODES
from partners.models import Partner, PartnerDirectoryPage

CONTENT_DIR = Path(__file__).resolve().parent / "demo_content"
LOGO_SIZE = 240


def logo_png(text, colour):
    """A square PNG with `text` in white, centred on `colour`."""
    image = PILImage.new("RGB", (LOGO_SIZE, LOGO_SIZE), colour)
    draw = ImageDraw.Draw(image)
    size = 96 if len(text) <= 3 else max(40, int(LOGO_SIZE * 1.3 / len(text)))
    try:
        font = ImageFont.load_default(size=size)
    except TypeError:  # Pillow without FreeType: the small bitmap font
        font = ImageFont.load_default()
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    position = ((LOGO_SIZE - (right - left)) / 2 - left, (LOGO_SIZE - (bottom - top)) / 2 - top)
    draw.text(position, text, fill="white", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def make_logo(data, name):
    text = data.get("initials") or data.get("acronym") or "".join(word[0] for word in name.split()[:3])
    image = get_image_model()(title=f"Logo – {name}")
    image.file = ImageFile(io.BytesIO(logo_png(text, data.get("colour", "#0b5d4b"))),
                           name=f"partner-{data['slug']}.png")
    image.save()
    return image


def logo_alt(data):
    """The logo's alternative text in each language: the organisation's name there."""
    return {f"logo_alt_{code}": data["name"].get(code) or data["name"]["fr"] for code in LANGUAGE_CODES}


def load_partner(loader, data):
    def create():
        names = translations(data, "name")
        partner = Partner(
            slug=data["slug"],
            acronym=data.get("acronym", ""),
            kind=data["kind"],
            territory=data["territory"],
            country_code=data.get("country_code", ""),
            website=data.get("website", ""),
            contact_email=data.get("contact_email", ""),
            logo=make_logo(data, names["name_fr"]),
            **names,
            **translations(data, "city"),
            **translations(data, "description"),
            **translations(data, "key_facts"),
            **logo_alt(data),
        )
        partner.save()
        partner.save_revision().publish()
        return partner

    partner, _created = loader.once(f"partners.partner.{data['slug']}", create)
    return partner


def load_directory(loader, home, data):
    page = PartnerDirectoryPage(
        show_in_menus=True,
        **translations(data, "title"),
        **translations(data, "slug"),
        **translations(data, "intro"),
    )
    return loader.add_page("partners.directory", home, page)


def make_renditions(partners):
    """Render each logo once through the template the pages use, so that every size and
    format its <picture> asks for exists before the first visitor (whose view then reads the
    renditions instead of writing them), and the JSON-LD logo of the profiles."""
    from partners.views import LOGO_FILTER

    for partner in partners:
        if partner is not None and partner.logo_id:
            render_to_string("partners/includes/partner_logo.html", {"partner": partner})
            partner.logo.get_rendition(LOGO_FILTER)


def load(loader):
    content = read_toml(CONTENT_DIR / "partners.toml")
    make_renditions([load_partner(loader, data) for data in content["partners"]])
    home, _known = loader.existing("services.home")
    if home is None:
        loader.log("No home page: the partner directory is not created.")
        return
    load_directory(loader, home, content["directory"])
