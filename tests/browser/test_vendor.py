"""The vendored axe-core is the npm registry's file, unchanged, with its licence."""

import hashlib

from tests.browser import helpers

AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"


def test_vendored_axe_core_is_the_published_file_with_its_licence():
    assert hashlib.sha256(helpers.AXE_JS.read_bytes()).hexdigest() == AXE_SHA256
    assert helpers.axe_source().startswith("/*! axe v4.14.1")
    licence = (helpers.AXE_JS.parent / "LICENSE").read_text()
    assert "Mozilla Public License, version 2.0" in licence
