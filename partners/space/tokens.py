"""Invitation links: single use and short lived.

The hash covers the password and the last login (as Django's password-reset tokens do):
setting a password or logging in once makes every earlier link useless. The lifetime is
PARTNER_SPACE_INVITATION_DAYS, separate from the password-reset timeout.
"""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


def invitation_timeout_seconds():
    return int(getattr(settings, "PARTNER_SPACE_INVITATION_DAYS", 7)) * 24 * 3600


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "partners.space.tokens.InvitationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        login = "" if user.last_login is None else user.last_login.replace(microsecond=0, tzinfo=None)
        return f"{user.pk}|{user.password}|{login}|{timestamp}|{user.email}|{user.is_active}"

    def check_token(self, user, token):
        if not (user and token) or not isinstance(token, str):
            return False
        try:
            ts_b36, _hash = token.split("-")
            timestamp = base36_to_int(ts_b36)
        except ValueError:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            if constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token):
                break
        else:
            return False
        return (self._num_seconds(self._now()) - timestamp) <= invitation_timeout_seconds()


invitation_token_generator = InvitationTokenGenerator()
