"""The Mozilla HTTP Observatory's scoring, applied to a Django test response.

The Observatory starts every site at 100, subtracts penalties, and adds bonuses only when
the result is already at least 90; A+ needs 100 or more. The modifiers below are the
Observatory's published ones for each test (CSP, cookies, CORS, redirection, Referrer-Policy,
HSTS, Subresource Integrity, X-Content-Type-Options, X-Frame-Options,
Cross-Origin-Resource-Policy). One honest difference: the HSTS preload bonus is never given
here, because it needs the domain to be on the browsers' preload list, which a test cannot know.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

GRADES = [(100, "A+"), (90, "A"), (85, "A-"), (80, "B+"), (70, "B"), (65, "B-"), (60, "C+"), (50, "C"),
          (45, "C-"), (40, "D+"), (30, "D"), (25, "D-"), (0, "F")]
SIX_MONTHS = 15_768_000
PRIVATE_REFERRERS = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
NEUTRAL_REFERRERS = {"no-referrer-when-downgrade"}
UNSAFE_REFERRERS = {"origin", "origin-when-cross-origin", "unsafe-url"}
_DIRECTIVE = re.compile(r"^[a-z][a-z0-9-]*$")


@dataclass
class Report:
    results: dict = field(default_factory=dict)  # test name -> (result, modifier)

    def add(self, test, result, modifier):
        self.results[test] = (result, modifier)

    @property
    def score(self):
        penalties = sum(m for _r, m in self.results.values() if m < 0)
        bonuses = sum(m for _r, m in self.results.values() if m > 0)
        score = 100 + penalties
        if score >= 90:
            score += bonuses
        return max(score, 0)

    @property
    def grade(self):
        return next(grade for floor, grade in GRADES if self.score >= floor)

    def __str__(self):
        lines = [f"{self.score} ({self.grade})"]
        lines += [f"  {test}: {result} ({modifier:+d})" for test, (result, modifier) in self.results.items()]
        return "\n".join(lines)


def parse_csp(header):
    policy = {}
    for part in header.split(";"):
        tokens = part.strip().split()
        if not tokens:
            continue
        name = tokens[0].lower()
        if not _DIRECTIVE.match(name) or name in policy:
            return None
        policy[name] = [token for token in tokens[1:]]
    return policy


def _csp(report, response):
    header = response.get("Content-Security-Policy")
    if not header:
        report.add("content-security-policy", "csp-not-implemented", -25)
        return None
    policy = parse_csp(header)
    if policy is None:
        report.add("content-security-policy", "csp-header-invalid", -25)
        return None
    default = policy.get("default-src", ["*"])
    script = policy.get("script-src", default)
    style = policy.get("style-src", default)
    objects = policy.get("object-src", default)
    passive = policy.get("img-src", default) + policy.get("media-src", default)
    lowered = [token.lower() for token in script]
    has_nonce_or_hash = any(t.startswith(("'nonce-", "'sha256-", "'sha384-", "'sha512-")) for t in lowered)
    unsafe_script_sources = {"*", "http:", "https:", "data:"}
    if ("'unsafe-inline'" in lowered and not has_nonce_or_hash and "'strict-dynamic'" not in lowered) or (
        unsafe_script_sources & set(lowered) and "'strict-dynamic'" not in lowered
    ) or {"*", "http:", "https:", "data:"} & {t.lower() for t in objects}:
        report.add("content-security-policy", "csp-implemented-with-unsafe-inline", -20)
    elif "'unsafe-eval'" in lowered:
        report.add("content-security-policy", "csp-implemented-with-unsafe-eval", -10)
    elif any(t.lower().startswith("http:") for t in script + style + objects):
        report.add("content-security-policy", "csp-implemented-with-insecure-scheme", -20)
    elif any(t.lower().startswith("http:") for t in passive):
        report.add("content-security-policy", "csp-implemented-with-insecure-scheme-in-passive-content-only", -10)
    elif "'unsafe-inline'" in [t.lower() for t in style]:
        report.add("content-security-policy", "csp-implemented-with-unsafe-inline-in-style-src-only", 0)
    elif [t.lower() for t in policy.get("default-src", [])] == ["'none'"]:
        report.add("content-security-policy", "csp-implemented-with-no-unsafe-default-src-none", 10)
    else:
        report.add("content-security-policy", "csp-implemented-with-no-unsafe", 0)
    return policy


def _hsts(report, response):
    header = response.get("Strict-Transport-Security")
    if not header:
        report.add("strict-transport-security", "hsts-not-implemented", -20)
        return False
    match = re.search(r"max-age=(\d+)", header, re.I)
    if not match:
        report.add("strict-transport-security", "hsts-header-invalid", -20)
        return False
    if int(match.group(1)) < SIX_MONTHS:
        report.add("strict-transport-security", "hsts-implemented-max-age-less-than-six-months", -10)
    else:
        report.add("strict-transport-security", "hsts-implemented-max-age-at-least-six-months", 0)
    return True


def _cookies(report, response, hsts):
    cookies = []
    for name, morsel in response.cookies.items():
        if morsel.get("max-age") == 0 or morsel.value == "":
            continue  # a deletion
        cookies.append((name, morsel))
    if not cookies:
        report.add("cookies", "cookies-not-found", 0)
        return
    worst = ("cookies-secure-with-httponly-sessions-and-samesite", 5)
    for name, morsel in cookies:
        lowered = name.lower()
        session = "session" in lowered or "sess" in lowered or lowered.endswith("sid")
        samesite = (morsel.get("samesite") or "").lower()
        if samesite and samesite not in ("lax", "strict", "none"):
            worst = min(worst, ("cookies-samesite-flag-invalid", -20), key=lambda r: r[1])
        if not morsel.get("secure"):
            if session:
                result = ("cookies-session-without-secure-flag-but-protected-by-hsts", -10) if hsts else (
                    "cookies-session-without-secure-flag", -40)
            else:
                result = ("cookies-without-secure-flag-but-protected-by-hsts", -5) if hsts else (
                    "cookies-without-secure-flag", -20)
            worst = min(worst, result, key=lambda r: r[1])
        if session and not morsel.get("httponly"):
            worst = min(worst, ("cookies-session-without-httponly-flag", -30), key=lambda r: r[1])
        if "csrf" in lowered and not samesite:
            worst = min(worst, ("cookies-anticsrf-without-samesite-flag", -20), key=lambda r: r[1])
        if not samesite and worst[1] > 0:
            worst = ("cookies-secure-with-httponly-sessions", 0)
    report.add("cookies", *worst)


def _referrer(report, response):
    header = response.get("Referrer-Policy")
    if not header:
        report.add("referrer-policy", "referrer-policy-not-implemented", 0)
        return
    values = [value.strip().lower() for value in header.split(",") if value.strip()]
    known = PRIVATE_REFERRERS | NEUTRAL_REFERRERS | UNSAFE_REFERRERS
    effective = next((v for v in reversed(values) if v in known), None)
    if effective is None:
        report.add("referrer-policy", "referrer-policy-header-invalid", -5)
    elif effective in PRIVATE_REFERRERS:
        report.add("referrer-policy", "referrer-policy-private", 5)
    elif effective in NEUTRAL_REFERRERS:
        report.add("referrer-policy", "referrer-policy-no-referrer-when-downgrade", 0)
    else:
        report.add("referrer-policy", "referrer-policy-unsafe", -5)


def _nosniff(report, response):
    header = response.get("X-Content-Type-Options")
    if header is None:
        report.add("x-content-type-options", "x-content-type-options-not-implemented", -5)
    elif header.strip().lower() == "nosniff":
        report.add("x-content-type-options", "x-content-type-options-nosniff", 0)
    else:
        report.add("x-content-type-options", "x-content-type-options-header-invalid", -5)


def _frames(report, response, policy):
    if policy and "frame-ancestors" in policy:
        report.add("x-frame-options", "x-frame-options-implemented-via-csp", 5)
        return
    header = (response.get("X-Frame-Options") or "").strip().lower()
    if not header:
        report.add("x-frame-options", "x-frame-options-not-implemented", -20)
    elif header in ("deny", "sameorigin"):
        report.add("x-frame-options", "x-frame-options-sameorigin-or-deny", 0)
    else:
        report.add("x-frame-options", "x-frame-options-header-invalid", -20)


def _corp(report, response):
    header = response.get("Cross-Origin-Resource-Policy")
    if header is None:
        report.add("cross-origin-resource-policy", "corp-not-implemented", 0)
    elif header.strip().lower() in ("same-origin", "same-site", "cross-origin"):
        report.add("cross-origin-resource-policy", f"corp-implemented-with-{header.strip().lower()}", 0)
    else:
        report.add("cross-origin-resource-policy", "corp-header-invalid", -5)


def _cors(report, response, evil_origin):
    allowed = response.get("Access-Control-Allow-Origin")
    if allowed is None:
        report.add("cross-origin-resource-sharing", "cross-origin-resource-sharing-not-implemented", 0)
    elif allowed == evil_origin and response.get("Access-Control-Allow-Credentials", "").lower() == "true":
        report.add("cross-origin-resource-sharing", "cross-origin-resource-sharing-implemented-with-universal-access",
                   -50)
    else:
        report.add("cross-origin-resource-sharing", "cross-origin-resource-sharing-implemented-with-public-access", 0)


def _sri(report, response, host):
    if not response.get("Content-Type", "").startswith("text/html"):
        report.add("subresource-integrity", "sri-not-implemented-response-not-html", 0)
        return
    scripts = re.findall(rb"<script\b([^>]*)>", response.content, re.I)
    external = []
    for attributes in scripts:
        src = re.search(rb'\ssrc="([^"]+)"', attributes)
        if not src:
            continue
        parts = urlsplit(src.group(1).decode())
        if parts.netloc and parts.netloc != host:
            external.append((parts.scheme, b"integrity=" in attributes))
    if not scripts or not any(re.search(rb'\ssrc="', a) for a in scripts):
        report.add("subresource-integrity", "sri-not-implemented-but-no-scripts-loaded", 0)
    elif not external:
        report.add("subresource-integrity", "sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0)
    elif any(scheme == "http" for scheme, _i in external):
        report.add("subresource-integrity", "sri-not-implemented-and-external-scripts-not-loaded-securely", -50)
    elif all(integrity for _s, integrity in external):
        report.add("subresource-integrity", "sri-implemented-and-external-scripts-loaded-securely", 5)
    else:
        report.add("subresource-integrity", "sri-not-implemented-but-external-scripts-loaded-securely", -5)


def _redirection(report, plain_response, host):
    if plain_response is None:
        return
    if plain_response.status_code not in (301, 302, 307, 308):
        report.add("redirection", "redirection-missing", -20)
        return
    target = urlsplit(plain_response["Location"])
    if target.scheme != "https":
        report.add("redirection", "redirection-not-to-https", -20)
    elif target.netloc and target.netloc != host:
        report.add("redirection", "redirection-off-host-from-http", -5)
    else:
        report.add("redirection", "redirection-to-https", 0)


def score(response, plain_response=None, host="testserver", evil_origin="https://evil.example"):
    """Scores `response` (fetched over HTTPS); `plain_response` is the same URL over HTTP."""
    report = Report()
    policy = _csp(report, response)
    hsts = _hsts(report, response)
    _cookies(report, response, hsts)
    _cors(report, response, evil_origin)
    _redirection(report, plain_response, host)
    _referrer(report, response)
    _sri(report, response, host)
    _nosniff(report, response)
    _frames(report, response, policy)
    _corp(report, response)
    return report
