"""Build the whole demo site in four languages from the content files kept in the project.

Safe to re-run: what exists is kept as it is (see cities_portal.demo.DemoLoader).
"""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation
from django.utils.module_loading import import_string

from cities_portal.dbstats import refresh_statistics
from cities_portal.demo import DemoLoader
from cities_portal.i18n import SOURCE_LANGUAGE


class Command(BaseCommand):
    help = "Create the demo content (pages, partners, practices) in four languages, once."

    def add_arguments(self, parser):
        parser.add_argument("--skip-index", action="store_true", help="Do not rebuild the search index.")

    def handle(self, *args, **options):
        loader = DemoLoader(self.stdout)
        with translation.override(SOURCE_LANGUAGE), transaction.atomic():
            for dotted in settings.DEMO_CONTENT_LOADERS:
                import_string(dotted)(loader)
        self.stdout.write(
            self.style.SUCCESS(f"Demo content: {loader.created} created, {loader.kept} kept as they were.")
        )
        if not options["skip_index"]:
            call_command("update_index", stdout=self.stdout, stderr=self.stderr)
        refresh_statistics()
