"""Every body block is fully described: icon, template and a translatable label."""

from django.template.loader import get_template
from django.utils.functional import Promise

from cities_portal.blocks import BaseStreamBlock


def test_every_block_has_icon_template_and_translated_label():
    for name, block in BaseStreamBlock().child_blocks.items():
        assert block.meta.icon and block.meta.icon != "placeholder", name
        assert block.meta.template, name
        get_template(block.meta.template)
        assert isinstance(block.meta.label, Promise), f"{name} label is not translatable"
