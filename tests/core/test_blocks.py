"""Shared StreamField blocks render accessibly, images as responsive renditions."""

import re

import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from cities_portal.blocks import BaseStreamBlock


@pytest.fixture
def image(db):
    return Image.objects.create(title="Forum", file=get_test_image_file(size=(1600, 900)))


def render(block_type, value):
    stream = BaseStreamBlock()
    child = stream.child_blocks[block_type]
    return child.render(child.to_python(value))


def test_every_block_has_icon_template_and_translated_label():
    for name, block in BaseStreamBlock().child_blocks.items():
        assert block.meta.icon, name
        assert getattr(block.meta, "template", None), name
        assert hasattr(block.label, "_proxy____cast") or isinstance(block.label, str), name


def test_image_block_is_a_responsive_picture_with_webp_and_fallback(image):
    html = render("image", {"image": image.pk, "alt_text": "Participants du forum", "caption": "Montréal"})
    assert "<picture>" in html
    assert 'type="image/webp"' in html
    assert re.search(r'<img [^>]*alt="Participants du forum"', html)
    assert 'loading="lazy"' in html
    assert re.search(r'width="\d+"', html) and re.search(r'height="\d+"', html)
    assert "srcset=" in html
    assert "<figcaption>Montréal</figcaption>" in html


def test_key_figures_block_lists_figures():
    html = render("key_figures", {"title": "Repères", "figures": [{"figure": "2 800", "description": "entreprises"}]})
    assert "<dt>2 800</dt>" in html and "<dd>entreprises</dd>" in html


def test_video_block_links_instead_of_embedding_a_third_party_player():
    html = render("video", {"video": "https://vimeo.com/1", "title": "Forum", "transcript": "Texte"})
    assert "<iframe" not in html
