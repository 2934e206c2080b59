"""Admin hooks of the shared core: the log-in events of the audit log, and the security and
moderation log that administrators read them in (cities_portal/audit.py)."""

from wagtail import hooks

from cities_portal import audit
from cities_portal.lockout import LOG_ACTIONS


@hooks.register("register_log_actions")
def register_login_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)


@hooks.register("register_admin_urls")
def register_audit_log_urls():
    return audit.urls()


@hooks.register("register_reports_menu_item")
def register_audit_log_menu_item():
    return audit.menu_item()
