"""Demo content of the site's spine: the home page, the three pillars and their services, the
events, the transfer request form and the institutional pages, in four languages.

Every item is created once under a stable key (see cities_portal.demo.DemoLoader): re-running
the command keeps editors' changes and deletions.
"""

import datetime as dt
import zoneinfo
from pathlib import Path

from django.utils import timezone

from cities_portal.demo import read_toml, stream_translations, translations
from cities_portal.tree import install_home
from services.models import (
    EventIndexPage,
    EventPage,
    HomePage,
    ServicePage,
    ServicePillarPage,
    StandardPage,
    TransferFormField,
    TransferRequestFormPage,
)

CONTENT_DIR = Path(__file__).resolve().parent / "demo_content"


def ensure_home(loader, data):
    def create():
        home = HomePage(
            **translations(data, "title"),
            **translations(data, "hero_title"),
            **translations(data, "intro"),
            **stream_translations(data, "body"),
        )
        return install_home(home)

    home, _created = loader.once("services.home", create)
    return home


def optional_translations(data, field, convert=None):
    if field not in data:
        return {}
    if convert is not None:
        return stream_translations(data, field)
    return translations(data, field)


def standard_page(data):
    return StandardPage(
        show_in_menus=data.get("show_in_menus", False),
        show_in_footer=data.get("show_in_footer", False),
        **translations(data, "title"),
        **translations(data, "slug"),
        **translations(data, "intro"),
        **stream_translations(data, "body"),
    )


def load_pillars(loader, home, content):
    pillars = {}
    for data in content["pillars"]:
        page = ServicePillarPage(
            pillar=data["pillar"],
            show_in_menus=True,
            **translations(data, "title"),
            **translations(data, "slug"),
            **translations(data, "intro"),
            **optional_translations(data, "body", convert=True),
        )
        created = loader.add_page(f"services.pillar.{data['key']}", home, page)
        if created is not None:
            pillars[data["key"]] = created
    return pillars


def event_times(data, today):
    """Start and end (aware) from days relative to `today` and wall-clock times in the event's zone."""
    zone = zoneinfo.ZoneInfo(data["time_zone"])
    first_day = today + dt.timedelta(days=data["start_in_days"])
    last_day = first_day + dt.timedelta(days=data.get("duration_days", 0))
    start = dt.datetime.combine(first_day, dt.time.fromisoformat(data["start_time"]), tzinfo=zone)
    end = dt.datetime.combine(last_day, dt.time.fromisoformat(data["end_time"]), tzinfo=zone)
    return start, end


def load_events(loader, gather, content):
    if gather is None:
        return None
    index = loader.add_page("services.events", gather, EventIndexPage(
        **translations(content["index"], "title"),
        **translations(content["index"], "slug"),
        **translations(content["index"], "intro"),
    ))
    if index is None:
        return None
    today = timezone.localdate()
    for data in content["events"]:
        start, end = event_times(data, today)
        page = EventPage(
            start=start, end=end, time_zone=data["time_zone"],
            languages=data.get("languages", []),
            online_url=data.get("online_url", ""),
            registration_url=data.get("registration_url", ""),
            **translations(data, "title"),
            **translations(data, "slug"),
            **translations(data, "intro"),
            **optional_translations(data, "venue"),
            **optional_translations(data, "city"),
            **optional_translations(data, "body", convert=True),
        )
        loader.add_page(f"services.event.{data['key']}", index, page)
    return index


def load_transfer_form(loader, transfer, content):
    if transfer is None:
        return None
    data = content["page"]
    page = TransferRequestFormPage(
        subject=data.get("subject", ""),
        **translations(data, "title"),
        **translations(data, "slug"),
        **translations(data, "intro"),
        **translations(data, "thank_you_text"),
    )
    page.form_fields = [
        TransferFormField(
            sort_order=order,
            field_type=field["field_type"],
            required=field.get("required", False),
            **translations(field, "label"),
            **optional_translations(field, "help_text"),
            **optional_translations(field, "choices"),
        )
        for order, field in enumerate(content["fields"])
    ]
    return loader.add_page("services.transfer-request", transfer, page)


def load_services(loader, pillars, services, targets):
    for data in services:
        parent = pillars.get(data["pillar"])
        if parent is None:
            continue
        page = ServicePage(
            cta_page=targets.get(data.get("cta")),
            cta_url=data.get("cta_url", ""),
            **translations(data, "title"),
            **translations(data, "slug"),
            **translations(data, "intro"),
            **translations(data, "audience"),
            **translations(data, "service_format"),
            **translations(data, "outcomes"),
            **optional_translations(data, "cta_label"),
            **optional_translations(data, "body", convert=True),
        )
        loader.add_page(f"services.service.{data['key']}", parent, page)


def load(loader):
    site = read_toml(CONTENT_DIR / "site.toml")
    home = ensure_home(loader, site["home"])
    if home is None:
        loader.log("The home page was deleted by an editor: its children are not recreated.")
        return

    content = read_toml(CONTENT_DIR / "pillars.toml")
    pillars = load_pillars(loader, home, content)
    targets = {
        "events": load_events(loader, pillars.get("gather"), read_toml(CONTENT_DIR / "events.toml")),
        "transfer-request": load_transfer_form(loader, pillars.get("transfer"),
                                               read_toml(CONTENT_DIR / "transfer.toml")),
    }
    load_services(loader, pillars, content["services"], targets)

    parents = {"home": home}
    for data in site.get("pages", []):
        parent = parents.get(data.get("parent", "home"))
        if parent is None:
            continue
        page = loader.add_page(f"services.page.{data['key']}", parent, standard_page(data))
        if page is not None:
            parents[data["key"]] = page
