"""Fixtures of the performance tests: the library, its items, the request form and the
partner directory, borrowed from the apps' own test fixtures so that every page type is
built the way its tests build it."""

from tests.partners.conftest import directory, french_only_partner, montreal, seoul  # noqa: F401
from tests.practices.conftest import items, library, share_pillar  # noqa: F401
from tests.services.conftest import form_page, pillars, service  # noqa: F401
