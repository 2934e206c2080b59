"""`{% picture %}` as Wagtail's, with its filters parsed once per template instead of per call.

Wagtail's picture tag builds new `Filter` objects every time it renders, and each one parses
its operations again (with `inspect.getcallargs`): a home page with twenty partner logos in
two formats and two sizes spent about 40 ms of CPU per request on that alone. A filter is
a pure function of its spec, so one instance per spec is shared (and its parsed operations
with it); renditions are still looked up per image, as before.
"""

from functools import lru_cache

from django import template
from wagtail.images.models import Filter, Picture
from wagtail.images.shortcuts import get_renditions_or_not_found
from wagtail.images.templatetags import wagtailimages_tags

register = template.Library()


@lru_cache(maxsize=512)
def shared_filter(spec):
    return Filter(spec=spec)


# Rendered <picture> elements by everything they are made of (see PictureNode.render).
_rendered = {}
_RENDERED_MAX = 4096


class PictureNode(wagtailimages_tags.PictureNode):
    def get_filters(self):
        return [shared_filter(spec) for spec in Filter.expand_spec(self.filter_specs)]

    def render(self, context):
        """As Wagtail's, but the HTML of a <picture> is kept once built.

        Building it (a URL from the storage for each rendition, flatatt, the srcset strings)
        cost ~0.8 ms per logo, 15 ms for the home page's strip. The HTML is a pure function
        of the renditions (a rendition's file never changes: a new crop or upload is a new
        rendition), the image's alt text and the tag's attributes, which together are the key,
        so it cannot go stale."""
        if self.output_var_name:
            return super().render(context)
        image = self.validate_image(context)
        if not image:
            return ""
        renditions = get_renditions_or_not_found(image, self.get_filters())
        attrs = {name: value.resolve(context) for name, value in self.attrs.items()}
        parts = tuple((spec, rendition.pk, rendition.file.name, rendition.width, rendition.height)
                      for spec, rendition in renditions.items())
        key = (parts, str(getattr(image, "default_alt_text", "")), tuple((n, str(v)) for n, v in attrs.items()))
        html = _rendered.get(key)
        if html is None:
            html = Picture(renditions, attrs).__html__()
            if all(part[1] is not None for part in parts):  # never a missing file's stand-in
                if len(_rendered) >= _RENDERED_MAX:
                    _rendered.clear()
                _rendered[key] = html
        return html


@register.tag
def picture(parser, token):
    node = wagtailimages_tags.image(parser, token)  # Wagtail's own parsing and error messages
    return PictureNode(node.image_expr, node.filter_specs, output_var_name=node.output_var_name, attrs=node.attrs)
