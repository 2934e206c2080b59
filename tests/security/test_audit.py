"""The audit trail, as an administrator reads it: the security and moderation log in the admin
lists failed log-ins, log-ins, publications, unpublications and moderation decisions, each
with its user and its exact time; editors and moderators cannot open it."""

import csv
import datetime
import io
import re
from html import unescape

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from tests.partners.space.conftest import (  # noqa: F401
    PASSWORD,
    editor,
    moderator,
    partner_a,
    partner_b,
    rep_a,
    rep_b,
)
from tests.partners.space.helpers import moderate, profile_data

LOG = "/admin/reports/security-log/"
ROW = re.compile(r'<tr data-action="(?P<action>[^"]+)">(?P<cells>.*?)</tr>', re.S)
CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.S)
TIME = re.compile(r'<time datetime="([^"]+)">')


def rows(html):
    """Each row of the report: its action, its cells as text, its time."""
    found = []
    for match in ROW.finditer(html):
        cells = [unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in CELL.findall(match["cells"])]
        when = datetime.datetime.fromisoformat(TIME.search(match["cells"]).group(1))
        found.append({"action": match["action"], "name": cells[0], "message": cells[2], "by": cells[3],
                      "address": cells[4], "time": when})
    return found


@pytest.fixture
def administrator(db):
    user = User.objects.create_superuser("direction", "direction@example.org", PASSWORD,
                                         first_name="Aline", last_name="Direction")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


def submit_profile(rep, partner, **changes):
    """What a representative does in the partner space: edit the profile and submit it."""
    client = Client()
    client.force_login(rep)
    with translation.override("fr"):
        url = reverse("partner_space:partner_edit", kwargs={"slug": partner.slug})
    assert client.post(url, profile_data(partner, action="submit", **changes)).status_code == 302


def test_the_administrator_reads_every_kind_of_event_with_its_user_and_time(
        about, administrator, editor, moderator, rep_a, rep_b, partner_a, partner_b):  # noqa: F811
    start = timezone.now().replace(microsecond=0)
    people = Client(REMOTE_ADDR="203.0.113.7")
    # A failed log-in to the editor's account, then the editor's log-in, from one address.
    assert people.post("/admin/login/", {"username": "editor", "password": "wrong"}).status_code == 200
    assert people.post("/admin/login/", {"username": "editor", "password": PASSWORD}).status_code == 302

    # The administrator unpublishes a page, then publishes it again, in the admin.
    admin = Client()
    admin.force_login(administrator)
    response = admin.post(reverse("wagtailadmin_pages:unpublish", args=[about.pk]))
    assert response.status_code == 302
    about.refresh_from_db()
    assert not about.live
    bulk_publish = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    assert admin.post(f"{bulk_publish}?id={about.pk}", {}).status_code == 302
    about.refresh_from_db()
    assert about.live

    # Two partners submit their profiles; a moderator approves one (it is published) and
    # rejects the other.
    submit_profile(rep_a, partner_a, description_fr="Nouvelle description de A.")
    submit_profile(rep_b, partner_b, description_fr="Nouvelle description de B.")
    moderate(Client(), moderator, partner_a, "approve")
    moderate(Client(), moderator, partner_b, "reject", comment="Trop court.")

    response = admin.get(LOG)
    assert response.status_code == 200
    entries = rows(response.content.decode())
    end = timezone.now()

    def one(action, name, by):
        matching = [entry for entry in entries if (entry["action"], entry["name"], entry["by"]) == (action, name, by)]
        assert len(matching) == 1, (action, name, by, [(e["action"], e["name"], e["by"]) for e in entries])
        entry = matching[0]
        assert start <= entry["time"] <= end  # the exact time, not "x minutes ago"
        return entry

    # The account tried, no one logged in, and the address the attempt came from.
    assert one("core.login_failed", "editor", "Unknown (not logged in)")["address"] == "203.0.113.7"
    assert one("core.login", "editor", "editor")["address"] == "203.0.113.7"
    # Pages are named by their title in French, the source language.
    one("wagtail.unpublish", "À propos", "Aline Direction")
    one("wagtail.publish", "À propos", "Aline Direction")
    one("wagtail.workflow.start", partner_a.name, "rep-a")
    one("wagtail.workflow.approve", partner_a.name, "moderator")
    one("wagtail.publish", partner_a.name, "moderator")
    one("wagtail.workflow.start", partner_b.name, "rep-b")
    one("wagtail.workflow.reject", partner_b.name, "moderator")
    # Edits and the like belong to Site history, not to this log.
    assert {entry["action"] for entry in entries} <= {
        "core.login", "core.login_failed", "wagtail.publish", "wagtail.unpublish", "wagtail.delete",
        "wagtail.workflow.start", "wagtail.workflow.approve", "wagtail.workflow.reject",
    }
    # What the site did by itself (building the test site) is the system's, not an unknown visitor's.
    assert {entry["by"] for entry in entries if entry["time"] < start} <= {"system"}
    # Newest first.
    assert [entry["time"] for entry in entries] == sorted((entry["time"] for entry in entries), reverse=True)


def test_a_lock_out_is_in_the_log_with_the_address(administrator, editor, settings):  # noqa: F811
    people = Client(REMOTE_ADDR="198.51.100.4")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        people.post("/admin/login/", {"username": "editor", "password": "wrong"})
    admin = Client()
    admin.force_login(administrator)
    entries = rows(admin.get(LOG).content.decode())
    locked = [entry for entry in entries if entry["action"] == "core.locked_out"]
    assert len(locked) == 1 and locked[0]["name"] == "editor" and locked[0]["address"] == "198.51.100.4"
    failed = [entry for entry in entries if entry["action"] == "core.login_failed"]
    assert len(failed) == settings.AXES_FAILURE_LIMIT


def test_the_log_can_be_filtered_by_action_and_exported_with_the_address(administrator, editor):  # noqa: F811
    Client(REMOTE_ADDR="192.0.2.9").post("/admin/login/", {"username": "editor", "password": PASSWORD})
    Client(REMOTE_ADDR="192.0.2.9").post("/admin/login/", {"username": "editor", "password": "wrong"})
    admin = Client()
    admin.force_login(administrator)
    only_failures = rows(admin.get(LOG, {"action": "core.login_failed"}).content.decode())
    assert [entry["action"] for entry in only_failures] == ["core.login_failed"]
    exported = admin.get(LOG, {"export": "csv"})
    assert exported.status_code == 200
    table = list(csv.reader(io.StringIO(b"".join(exported.streaming_content).decode("utf-8-sig"))))
    assert table[0][-1] == "Address"
    assert {(row[3], row[-1]) for row in table[1:]} >= {("Log in", "192.0.2.9"), ("Failed log-in", "192.0.2.9")}


@pytest.mark.parametrize("who", ["editor", "moderator"])
def test_editors_and_moderators_cannot_open_the_log(who, editor, moderator, administrator):  # noqa: F811
    user = {"editor": editor, "moderator": moderator}[who]
    client = Client()
    client.force_login(user)
    for url in (LOG, f"{LOG}results/", f"{LOG}?export=csv"):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response["Location"] == reverse("wagtailadmin_home")
    assert LOG not in client.get(reverse("wagtailadmin_home")).content.decode()  # no menu item either
    admin = Client()
    admin.force_login(administrator)
    assert LOG in admin.get(reverse("wagtailadmin_home")).content.decode()


def test_the_log_speaks_the_administrators_admin_language(administrator, editor):  # noqa: F811
    Client().post("/admin/login/", {"username": "editor", "password": "wrong"})
    profile = UserProfile.get_for_user(administrator)
    profile.preferred_language = "ko"
    profile.save()
    admin = Client(HTTP_ACCEPT_LANGUAGE="en")
    admin.force_login(administrator)
    html = admin.get(LOG).content.decode()
    assert '<html lang="ko"' in html
    with translation.override("ko"):
        from cities_portal.audit import AuditLogView

        assert str(AuditLogView.page_title) in html
        assert str(AuditLogView.page_title) != "Security and moderation log"
