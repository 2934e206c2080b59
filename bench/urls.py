"""Print, as JSON, one French URL of each page kind the benchmark measures.

Run by bench/run.py with the bench database's environment. A page kind whose page does not
exist (e.g. no partner directory yet) is left out with a note, rather than failing the run.
"""

import json
import os
import sys
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cities_portal.settings.production")


def discover():
    import django

    django.setup()
    from django.apps import apps
    from django.utils import translation

    translation.activate("fr")
    from practices.models import GoodPractice, LibraryPage, StakeholderType, Theme
    from services.models import HomePage, ServicePillarPage

    urls, notes = {}, []
    urls["home"] = HomePage.objects.live().first().url
    pillar = (ServicePillarPage.objects.live().filter(pillar="share").first()
              or ServicePillarPage.objects.live().first())
    urls["pillar"] = pillar.url
    library = LibraryPage.objects.live().first()
    base = library.url
    urls["library"] = base
    # Three filters that each keep a good share of the synthetic items.
    theme = Theme.objects.order_by("pk").first()
    stakeholder = StakeholderType.objects.order_by("pk").first()
    filters = [("theme", theme.slug), ("stakeholder", stakeholder.slug), ("country", "KR")]
    urls["library, 3 filters"] = f"{base}?{urlencode(filters)}"
    urls["search"] = f"{base}?{urlencode({'q': 'économie solidaire'})}"
    items = GoodPractice.objects.filter(live=True, slug__startswith="synthetic-").order_by("pk")
    item = items[items.count() // 2] if items.exists() else GoodPractice.objects.filter(live=True).first()
    urls["item"] = library.item_url(item.slug)
    try:
        directory_model = apps.get_model("partners", "PartnerDirectoryPage")
        partner_model = apps.get_model("partners", "Partner")
    except LookupError:
        directory_model = partner_model = None
    directory = directory_model.objects.live().first() if directory_model else None
    partner = partner_model.objects.filter(live=True).order_by("pk").first() if partner_model else None
    if directory is not None and partner is not None:
        urls["partner profile"] = directory.partner_url(partner)
    elif directory is not None:
        urls["partner directory"] = directory.url
        notes.append("no live partner: the directory is measured instead of a profile")
    else:
        notes.append("no partner directory page: the partner profile is skipped")
    from django.utils.encoding import iri_to_uri

    urls = {name: iri_to_uri(url) for name, url in urls.items()}
    urls["_notes"] = notes
    return urls


if __name__ == "__main__":
    print(json.dumps(discover(), ensure_ascii=False))
