"""The site served as it is deployed (`make serve`): gunicorn workers, DEBUG off, WhiteNoise's
compressed static files with hashed names and far-future cache headers; images as responsive
renditions (WebP with a fallback in <picture>, srcset, width and height, lazy below the fold).
"""

import gzip
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from cities_portal.blocks import BaseStreamBlock
from tests.partners.factories import partner
from tests.practices.factories import practice

ROOT = Path(settings.BASE_DIR)
VENV_BIN = Path(sys.executable).parent
ONE_YEAR = 31_536_000


def production_env(tmp, **extra):
    """The environment `make serve` gives the production settings, in a scratch directory."""
    env = {
        "PATH": f"{VENV_BIN}:/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "cities_portal.settings.production",
        "SECRET_KEY": "serving-test-" + "Zq9!k3y-" * 8,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "STATIC_ROOT": str(tmp / "static"),
        "MEDIA_ROOT": str(tmp / "media"),
        # Neither the health check nor static files touch the database.
        "DATABASE_URL": f"sqlite:///{tmp / 'unused.sqlite3'}",
        "CACHE_DIR": str(tmp / "cache"),
    }
    env.update(extra)
    return env


# --- make serve ----------------------------------------------------------------------------

def makefile_recipe(target):
    text = (ROOT / "Makefile").read_text()
    match = re.search(rf"^{target}:[^\n]*\n((?:\t[^\n]*\n|#[^\n]*\n)+)", text, re.M)
    assert match, f"no {target} target in the Makefile"
    return match.group(1).replace("\\\n", " "), text


def test_make_serve_runs_gunicorn_with_several_workers_on_the_production_settings():
    recipe, makefile = makefile_recipe("serve")
    workers = re.search(r"^WORKERS \?= (\d+)", makefile, re.M)
    assert workers and int(workers.group(1)) >= 2
    assert "gunicorn cities_portal.wsgi" in recipe
    assert "--workers $(WORKERS)" in recipe
    assert recipe.count("DJANGO_SETTINGS_MODULE=cities_portal.settings.production") == 2  # collectstatic, serve
    assert "collectstatic --noinput" in recipe
    assert "runserver" not in recipe


def test_production_settings_turn_debug_off_and_serve_hashed_compressed_static_files(tmp_path):
    code = ("import json; from django.conf import settings as s; "
            "print(json.dumps({'debug': s.DEBUG, 'static': s.STORAGES['staticfiles']['BACKEND'], "
            "'max_age': s.WHITENOISE_MAX_AGE, 'middleware': s.MIDDLEWARE}))")
    result = subprocess.run([sys.executable, "-c", "import django; django.setup(); " + code],
                            capture_output=True, text=True, cwd=ROOT, env=production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["debug"] is False
    assert values["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert values["max_age"] >= ONE_YEAR
    middleware = values["middleware"]
    # WhiteNoise answers before sessions, the page cache and the views are reached.
    assert middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") < middleware.index(
        "django.contrib.sessions.middleware.SessionMiddleware")


def test_the_wsgi_entry_point_leaves_what_it_loaded_out_of_the_collectors_passes(tmp_path):
    """gunicorn imports cities_portal.wsgi in each worker: the modules, models and settings
    loaded by then are frozen (never walked by a full collection again); later garbage is
    still collected."""
    code = ("import gc; import cities_portal.wsgi as w; frozen = gc.get_freeze_count(); "
            "a = []; a.append(a); del a; print(frozen, gc.collect() >= 1, callable(w.application))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                            env=production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    frozen, collected, app = result.stdout.split()
    assert int(frozen) > 50_000 and collected == "True" and app == "True"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """collectstatic, then gunicorn with two workers, exactly as `make serve` starts it."""
    tmp = tmp_path_factory.mktemp("serve")
    env = production_env(tmp)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [str(VENV_BIN / "gunicorn"), "cities_portal.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
         "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stderr.read().decode()
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2).read()
                if len(worker_pids(proc)) == 2:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn did not answer /healthz"
            time.sleep(0.2)
        manifest = json.loads((tmp / "static" / "staticfiles.json").read_text())["paths"]
        yield {"base": base, "proc": proc, "manifest": manifest, "root": tmp / "static"}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def worker_pids(proc):
    pids = []
    for task in Path(f"/proc/{proc.pid}/task").iterdir():
        pids += (task / "children").read_text().split()
    return pids


def get(url, **headers):
    return urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10)


def test_gunicorn_answers_with_several_worker_processes(served):
    response = get(served["base"] + "/healthz")
    assert response.status == 200
    assert response.headers["Server"].startswith("gunicorn")
    assert len(worker_pids(served["proc"])) == 2


def test_static_files_have_hashed_names_and_are_cached_for_a_year(served):
    hashed = served["manifest"]["css/site.css"]
    assert re.fullmatch(r"css/site\.[0-9a-f]{12}\.css", hashed)
    response = get(f"{served['base']}/static/{hashed}")
    assert response.status == 200
    control = response.headers["Cache-Control"]
    assert "public" in control and "immutable" in control
    assert int(re.search(r"max-age=(\d+)", control).group(1)) >= ONE_YEAR
    assert response.read() == (served["root"] / hashed).read_bytes()


def test_static_files_are_served_compressed_to_clients_that_accept_it(served):
    hashed = served["manifest"]["css/site.css"]
    assert (served["root"] / (hashed + ".gz")).exists()
    response = get(f"{served['base']}/static/{hashed}", **{"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]
    assert gzip.decompress(response.read()) == (served["root"] / hashed).read_bytes()


def test_css_references_are_rewritten_to_hashed_names(served):
    # A stylesheet that points at another static file must point at its hashed name, or
    # the year-long cache would keep serving the old file after a deploy.
    for name, hashed in served["manifest"].items():
        if not name.endswith(".css"):
            continue
        css = (served["root"] / hashed).read_text(errors="replace")
        for ref in re.findall(r"url\(['\"]?(?!data:|https?:|#)([^'\")?#]+)", css):
            target = (Path(name).parent / ref).as_posix()
            target = os.path.normpath(target)
            assert target not in served["manifest"] or ref.endswith(Path(served["manifest"][target]).name), \
                (name, ref)


def test_debug_is_off_in_the_served_site(served):
    # No database behind this server: the visitor gets the translated 503 page, never
    # Django's debug page with its traceback and settings.
    try:
        response = get(served["base"] + "/fr/nulle-part/")
        body, status = response.read().decode(), response.status
    except urllib.error.HTTPError as error:
        body, status = error.read().decode(), error.code
    assert status in (404, 503)
    assert "Traceback" not in body and "DEBUG" not in body and "settings.py" not in body


# --- Images --------------------------------------------------------------------------------

def picture_parts(html):
    """The <source> types and the fallback <img> tag of the first <picture> in `html`."""
    match = re.search(r"<picture>(.*?)</picture>", html, re.S)
    assert match, html
    inner = match.group(1)
    img = re.search(r"<img [^>]*>", inner).group(0)
    return re.findall(r'<source [^>]*type="([^"]+)"', inner), img


def assert_responsive(img, fallback_ext):
    src = re.search(r'src="([^"]+)"', img).group(1)
    assert src.endswith(fallback_ext), img
    assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img), img
    srcset = re.search(r'srcset="([^"]+)"', img).group(1)
    assert len(srcset.split(",")) >= 2, img  # several widths to choose from
    assert 'sizes="' in img, img


@pytest.fixture
def photo(db):
    return Image.objects.create(title="Forum", file=get_test_image_file(size=(1600, 900)))


def test_image_block_is_lazy_webp_with_a_jpeg_fallback(photo):
    block = BaseStreamBlock().child_blocks["image"]
    html = block.render(block.to_python({"image": photo.pk, "alt_text": "Le forum", "caption": ""}))
    sources, img = picture_parts(html)
    assert sources == ["image/webp"]
    assert_responsive(img, ".jpg")
    assert 'loading="lazy"' in img and 'alt="Le forum"' in img


@pytest.mark.django_db
def test_item_image_is_responsive_and_loaded_at_once_above_the_fold(client, library, photo):
    practice("forum-montreal", {"fr": "Le forum de Montréal"}, image=photo, image_alt={"fr": "Le forum"})
    response = client.get(library.url + "forum-montreal/")
    assert response.status_code == 200
    sources, img = picture_parts(response.content.decode())
    assert sources == ["image/webp"]
    assert_responsive(img, ".jpg")
    assert 'alt="Le forum"' in img
    # The item's image is at the top of the page: lazy loading would only delay it.
    assert 'loading="lazy"' not in img and 'fetchpriority="high"' in img
    # The fallback's own size sets the box: 960 px wide, as before the renditions.
    assert 'width="960"' in img


def logo_image():
    png = get_test_image_file(size=(600, 300)).file.getvalue()
    return Image.objects.create(title="Logo", file=ContentFile(png, name="logo.png"))


@pytest.mark.django_db
def test_partner_logos_are_lazy_webp_with_a_png_fallback_in_lists(client, directory):
    partner("chantier", {"fr": "Chantier de l'économie sociale"}, logo=logo_image(), logo_alt="Logo du Chantier")
    content = client.get(directory.url).content.decode()
    sources, img = picture_parts(content)
    assert sources == ["image/webp"]
    # PNG keeps a logo's transparency where WebP is not supported.
    assert_responsive(img, ".png")
    assert 'loading="lazy"' in img and 'class="partner-logo"' in img


@pytest.mark.django_db
def test_partner_logo_on_its_profile_is_not_lazy(client, directory):
    chantier = partner("chantier", {"fr": "Chantier de l'économie sociale"}, logo=logo_image(),
                       logo_alt="Logo du Chantier")
    content = client.get(directory.partner_url(chantier)).content.decode()
    sources, img = picture_parts(content)
    assert sources == ["image/webp"]
    assert_responsive(img, ".png")
    assert 'loading="eager"' in img and 'alt="Logo du Chantier"' in img


# --- Media in object storage -----------------------------------------------------------------

MEDIA_CODE = ("import django; django.setup(); from django.conf import settings as s; "
              "from django.core.files.storage import default_storage as d; "
              "print(s.STORAGES['default']['BACKEND']); print(d.url('images/forum.webp'))")


def test_media_stay_on_disk_without_a_bucket(tmp_path):
    result = subprocess.run([sys.executable, "-c", MEDIA_CODE], capture_output=True, text=True, cwd=ROOT,
                            env=production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["cities_portal.storage.SafeFileSystemStorage", "/media/images/forum.webp"]


def test_a_bucket_moves_media_to_s3_compatible_storage_served_from_the_site(tmp_path):
    env = production_env(tmp_path, ALLOWED_HOSTS="cities.example", AWS_STORAGE_BUCKET_NAME="cities-media",
                         AWS_S3_ENDPOINT_URL="https://objects.example.org", AWS_S3_REGION_NAME="fr-par")
    result = subprocess.run([sys.executable, "-c", MEDIA_CODE], capture_output=True, text=True, cwd=ROOT, env=env)
    assert result.returncode == 0, result.stderr
    # Same origin as the pages: the Content-Security-Policy's img-src 'self' still covers it.
    assert result.stdout.split() == ["storages.backends.s3.S3Storage", "https://cities.example/media/images/forum.webp"]


def test_shared_filter_picture_tag_renders_as_wagtails_and_parses_each_spec_once(photo):
    from django.template import engines

    from cities_portal.templatetags.responsive_images import shared_filter

    tag = '%}{% picture image format-{webp,jpeg} width-{480,800} sizes="100vw" alt="Forum" loading="lazy" %}'
    ours = engines["django"].from_string("{% load responsive_images " + tag)
    wagtails = engines["django"].from_string("{% load wagtailimages_tags " + tag)
    assert ours.render({"image": photo}) == wagtails.render({"image": photo})
    assert shared_filter("width-480|format-webp") is shared_filter("width-480|format-webp")


def test_a_kept_picture_stays_what_wagtail_renders_when_its_alt_or_renditions_change(photo):
    from django.template import engines

    tag = '%}{% picture image format-{webp,png} max-{240x120,480x240} sizes="15rem" alt=alt loading="lazy" %}'
    ours = engines["django"].from_string("{% load responsive_images " + tag)
    wagtails = engines["django"].from_string("{% load wagtailimages_tags " + tag)
    for alt in ["Logo", "Logo", "로고", ""]:  # the second render comes from what was kept
        context = {"image": photo, "alt": alt}
        assert ours.render(context) == wagtails.render(context)
    first = ours.render({"image": photo, "alt": "Logo"})
    # New renditions (a new focal point or file gives new ones) give new file names.
    photo.renditions.all().delete()
    photo.file.save("forum-2.png", get_test_image_file(size=(1600, 900)), save=True)
    photo = Image.objects.get(pk=photo.pk)
    again = ours.render({"image": photo, "alt": "Logo"})
    assert again == wagtails.render({"image": photo, "alt": "Logo"})
    assert again != first
