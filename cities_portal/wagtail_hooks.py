"""Admin hooks of the shared core: the log-in events of the audit log."""

from wagtail import hooks

from cities_portal.lockout import LOG_ACTIONS


@hooks.register("register_log_actions")
def register_login_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)
