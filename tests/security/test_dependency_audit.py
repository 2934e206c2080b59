"""make lint's dependency audit (scripts/audit_dependencies.py) fails on a known vulnerability
and never calls an audit that could not happen a clean one.

pip-audit is replaced by a stand-in that answers as each vulnerability service would
(a report, a skipped dependency, or a connection failure before any report), so every
outcome is tested without a network.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "audit_dependencies.py"
PINS = {"django": "5.2.19", "pillow": "13.0.0"}

# Behaves like pip-audit 2.10: with --format json --output, it writes the report whenever the
# service answered (vulnerabilities or not) and exits 1 if it found any; when the service
# cannot be reached it dies with a traceback and writes nothing.
FAKE_PIP_AUDIT = r"""
import json, os, sys
args = sys.argv[1:]
service = args[args.index("--vulnerability-service") + 1]
output = args[args.index("--output") + 1]
ignored = {args[i + 1] for i, a in enumerate(args) if a == "--ignore-vuln"}
answer = json.loads(os.environ["FAKE_ANSWERS"])[service]
if answer == "unreachable":
    sys.exit("requests.exceptions.ConnectionError: Failed to resolve the service's host")
found = 0
for dependency in answer:
    dependency["vulns"] = [v for v in dependency.get("vulns", []) if v["id"] not in ignored]
    found += len(dependency["vulns"])
open(output, "w").write(json.dumps({"dependencies": answer, "fixes": []}))
sys.exit(1 if found else 0)
"""


def clean(service_pins=PINS):
    return [{"name": name, "version": version, "vulns": []} for name, version in service_pins.items()]


def skipped():
    return [{"name": name, "skip_reason": f"Dependency not found on PyPI and could not be audited: {name} ({v})"}
            for name, v in PINS.items()]


def vulnerable(vuln_id="GHSA-aaaa-bbbb-cccc"):
    report = clean()
    report[1]["vulns"] = [{"id": vuln_id, "fix_versions": ["13.0.1"], "aliases": ["CVE-2026-0001"],
                           "description": "A decompression bomb."}]
    return report


@pytest.fixture
def audit(tmp_path):
    fake = tmp_path / "fake_pip_audit.py"
    fake.write_text(FAKE_PIP_AUDIT)
    lock = tmp_path / "requirements.lock"
    lock.write_text("".join(f"{name}=={version}\n" for name, version in PINS.items()))
    ignore_file = tmp_path / "audit-ignore.toml"
    ignore_file.write_text("")

    def run(osv, pypi, *, ignores="", strict=False):
        ignore_file.write_text(ignores)
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PIP_AUDIT": f"{sys.executable} {fake}",
               "FAKE_ANSWERS": json.dumps({"osv": osv, "pypi": pypi}), "AUDIT_IGNORE_FILE": str(ignore_file)}
        if strict:
            env["AUDIT_STRICT"] = "1"
        return subprocess.run([sys.executable, str(SCRIPT), str(lock)], capture_output=True, text=True, env=env,
                              timeout=60)

    return run


def test_a_clean_audit_passes_and_says_what_it_checked(audit):
    result = audit(clean(), "unreachable")
    assert result.returncode == 0, result.stderr
    assert "2 pinned packages checked with osv: 0 unexplained known vulnerabilities" in result.stdout
    assert "NOT AUDITED" not in result.stderr


def test_a_known_vulnerability_fails(audit):
    result = audit(vulnerable(), clean())
    assert result.returncode == 1
    assert "VULNERABLE pillow==13.0.0: GHSA-aaaa-bbbb-cccc (fixed in 13.0.1) CVE-2026-0001" in result.stderr


def test_osv_unreachable_falls_back_to_pypi(audit):
    result = audit("unreachable", vulnerable())
    assert result.returncode == 1
    assert "VULNERABLE pillow" in result.stderr
    result = audit("unreachable", clean())
    assert result.returncode == 0
    assert "checked with pypi" in result.stdout


def test_no_service_answering_is_said_loudly_and_fails_when_strict(audit):
    # What this machine gets: OSV's host does not resolve, the registry's JSON API has no
    # per-release pages, so pip-audit skips every pin and would print "No known vulnerabilities".
    result = audit("unreachable", skipped())
    assert result.returncode == 0
    assert "NOT AUDITED: 2 of 2 pinned packages could not be checked" in result.stderr
    assert "osv: requests.exceptions.ConnectionError" in result.stderr
    assert "pypi: answered for 0 of 2 pins" in result.stderr
    assert "checked with" not in result.stdout
    strict = audit("unreachable", skipped(), strict=True)
    assert strict.returncode == 1
    assert "AUDIT_STRICT is set" in strict.stderr


def test_a_partial_answer_is_not_a_clean_audit(audit):
    partial = clean({"django": PINS["django"]}) + skipped()[1:]
    result = audit("unreachable", partial)
    assert result.returncode == 0
    assert "NOT AUDITED: 1 of 2 pinned packages" in result.stderr


def test_an_explained_vulnerability_is_accepted_and_reported(audit):
    ignores = ('[[ignore]]\nid = "GHSA-aaaa-bbbb-cccc"\npackage = "pillow"\n'
               'reason = "Only the AVIF decoder, which this site never enables."\nreview_by = 2999-01-01\n')
    result = audit(vulnerable(), clean(), ignores=ignores)
    assert result.returncode == 0, result.stderr
    assert "accepted GHSA-aaaa-bbbb-cccc (pillow): Only the AVIF decoder" in result.stdout


@pytest.mark.parametrize("entry, problem", [
    ('[[ignore]]\nid = "GHSA-aaaa-bbbb-cccc"\npackage = "pillow"\n', "needs an id and a reason"),
    ('[[ignore]]\nid = "GHSA-aaaa-bbbb-cccc"\nreason = "Not used."\nreview_by = 2020-01-01\n',
     "was to be reviewed by 2020-01-01"),
])
def test_an_unexplained_or_stale_ignore_fails(audit, entry, problem):
    result = audit(vulnerable(), clean(), ignores=entry)
    assert result.returncode == 1
    assert problem in result.stderr


def test_the_project_ignore_list_is_valid():
    # The real list: every entry explained and not past its review date.
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        import audit_dependencies
    finally:
        sys.path.remove(str(SCRIPT.parent))
    ignores, problems = audit_dependencies.load_ignores(Path(settings.BASE_DIR) / "audit-ignore.toml")
    assert problems == []
    assert all(reason for _id, _package, reason in ignores)
