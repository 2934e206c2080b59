"""`make lint`'s dependency audit: pip-audit over the pinned set, honest about what it checked.

pip-audit asks a vulnerability service about every pin of requirements.lock. Two services
are tried, OSV (api.osv.dev) first, then PyPI's JSON API (one request per release). Either
can be out of reach: without internet OSV's name does not resolve, and a registry mirror
may answer PyPI's project pages but not the per-release page that carries the advisories,
which pip-audit then reports as "not found" and skips, while printing "No known
vulnerabilities found" and exiting 0. This script reads pip-audit's JSON instead and says
how many pins were really audited.

Outcome:
- exit 1: a known vulnerability that audit-ignore.toml does not explain, or an entry of
  that file without a reason or past its review date;
- exit 0: every pin audited, nothing found (or only explained entries);
- exit 0 with a NOT AUDITED banner on stderr: no service answered for some pins. The pins
  are not known to be safe, they are unknown. AUDIT_STRICT=1 makes this exit 1, for a
  pipeline that has internet (a release build): a missed audit must stop it there.

Usage: python scripts/audit_dependencies.py [requirements.lock] (PIP_AUDIT=command to override).
The report goes to stdout, the findings and the banner to stderr.
"""

import datetime
import json
import os
import shlex
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IGNORE_FILE = Path(os.environ.get("AUDIT_IGNORE_FILE", ROOT / "audit-ignore.toml"))
SERVICES = ("osv", "pypi")
TIMEOUT = int(os.environ.get("AUDIT_TIMEOUT", "15"))


def pip_audit_command():
    if os.environ.get("PIP_AUDIT"):
        return shlex.split(os.environ["PIP_AUDIT"])
    return [str(Path(sys.executable).with_name("pip-audit"))]


def load_ignores(path=IGNORE_FILE, today=None):
    """[(id, package, reason)] of the accepted vulnerabilities, and the problems of the file."""
    today = today or datetime.date.today()
    if not path.exists():
        return [], []
    entries = tomllib.loads(path.read_text()).get("ignore", [])
    ignores, problems = [], []
    for entry in entries:
        vuln_id = entry.get("id", "").strip()
        reason = entry.get("reason", "").strip()
        if not vuln_id or not reason:
            problems.append(f"{path.name}: every entry needs an id and a reason ({entry!r})")
            continue
        review = entry.get("review_by")
        if isinstance(review, str):
            review = datetime.date.fromisoformat(review)
        if review is not None and review < today:
            problems.append(f"{path.name}: {vuln_id} was to be reviewed by {review}: upgrade the pin or renew the "
                            "reason")
        ignores.append((vuln_id, entry.get("package", "?"), reason))
    return ignores, problems


def run_service(service, lock, ignores):
    """pip-audit's report with one service, or None when the service could not be reached."""
    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / "report.json"
        command = [*pip_audit_command(), "--requirement", str(lock), "--no-deps", "--disable-pip",
                   "--vulnerability-service", service, "--format", "json", "--output", str(out),
                   "--progress-spinner", "off", "--timeout", str(TIMEOUT)]
        for vuln_id, _package, _reason in ignores:
            command += ["--ignore-vuln", vuln_id]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
        except subprocess.TimeoutExpired:
            return None, f"{service}: no answer within 600 s"
        try:
            report = json.loads(out.read_text())
        except (OSError, ValueError):
            # pip-audit died before writing its report: the service was unreachable.
            last = (result.stderr.strip().splitlines() or ["no output"])[-1]
            return None, f"{service}: {last[:300]}"
        return report, None


def summarise(report):
    audited, skipped, vulnerable = [], [], []
    for dependency in report.get("dependencies", []):
        if "skip_reason" in dependency:
            skipped.append(dependency)
        else:
            audited.append(dependency)
            for vuln in dependency.get("vulns", []):
                vulnerable.append((dependency, vuln))
    return audited, skipped, vulnerable


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    lock = Path(argv[0]) if argv else ROOT / "requirements.lock"
    pins = [line for line in lock.read_text().splitlines() if "==" in line and not line.lstrip().startswith("#")]
    strict = os.environ.get("AUDIT_STRICT", "").lower() in {"1", "true", "yes", "on"}
    ignores, problems = load_ignores()
    for problem in problems:
        print(f"audit: {problem}", file=sys.stderr)

    best, best_service, failures = None, None, []
    for service in SERVICES:
        report, failure = run_service(service, lock, ignores)
        if report is None:
            failures.append(failure)
            continue
        audited, skipped, _ = summarise(report)
        if best is None or len(audited) > len(summarise(best)[0]):
            best, best_service = report, service
        if not skipped:
            break
        failures.append(f"{service}: answered for {len(audited)} of {len(pins)} pins, "
                        f"e.g. {skipped[0]['skip_reason']}")

    audited, skipped, vulnerable = summarise(best) if best else ([], [], [])
    for dependency, vuln in vulnerable:
        fixes = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
        print(f"audit: VULNERABLE {dependency['name']}=={dependency['version']}: {vuln['id']} "
              f"(fixed in {fixes}) {', '.join(vuln.get('aliases') or [])}", file=sys.stderr)
    for vuln_id, package, reason in ignores:
        print(f"audit: accepted {vuln_id} ({package}): {reason}")

    unaudited = len(pins) - len(audited)
    if unaudited:
        banner = "=" * 78
        print(f"\n{banner}\nNOT AUDITED: {unaudited} of {len(pins)} pinned packages could not be checked for known\n"
              "vulnerabilities (no vulnerability service answered). They are not known to be safe.\n"
              + "".join(f"  {failure}\n" for failure in failures)
              + "Run `make lint` where OSV or PyPI's per-release JSON API answers (with AUDIT_STRICT=1 there)."
              f"\n{banner}", file=sys.stderr)
    else:
        print(f"audit: {len(audited)} pinned packages checked with {best_service}: "
              f"{len(vulnerable)} unexplained known vulnerabilities.")

    if vulnerable or problems:
        return 1
    if unaudited and strict:
        print("audit: AUDIT_STRICT is set: an incomplete audit fails.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
