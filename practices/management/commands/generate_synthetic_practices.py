"""Create N synthetic, published library items in four languages, for benchmarks (bench/).

    manage.py generate_synthetic_practices 10000 [--cases-ratio 0.3] [--seed 1] [--no-index]

Items are created with bulk_create (a few seconds for 10,000), linked to the existing
taxonomies, and indexed in bulk. Their slugs start with "synthetic-"; `--delete` removes them.
"""

import datetime
import random
from itertools import islice

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.search.backends import get_search_backend

from cities_portal.dbstats import refresh_statistics
from cities_portal.page_cache import bump_generation
from practices.models import (
    CollaborationCase,
    CollaborationForm,
    CollaborationStage,
    GoodPractice,
    ResourceType,
    StakeholderType,
    Territory,
    Theme,
)

PREFIX = "synthetic-"
WORDS = {
    "fr": ["coopérative", "quartier", "économie", "solidaire", "emploi", "finance", "territoire", "habitants",
           "municipalité", "réseau", "formation", "logement", "alimentation", "énergie", "culture"],
    "en": ["co-operative", "neighbourhood", "economy", "solidarity", "jobs", "finance", "territory", "residents",
           "municipality", "network", "training", "housing", "food", "energy", "culture"],
    "es": ["cooperativa", "barrio", "economía", "solidaria", "empleo", "finanzas", "territorio", "vecinos",
           "municipio", "red", "formación", "vivienda", "alimentación", "energía", "cultura"],
    "ko": ["협동조합은", "마을의", "경제를", "연대", "일자리", "금융", "지역에서", "주민들이", "지자체와",
           "네트워크", "교육", "주거", "먹거리", "에너지", "문화"],
}
PLACES = [
    ("synthetic-lyon", "Lyon", "FR", "France", 45.764, 4.8357),
    ("synthetic-dakar", "Dakar", "SN", "Sénégal", 14.7167, -17.4677),
    ("synthetic-recife", "Recife", "BR", "Brésil", -8.0476, -34.877),
    ("synthetic-busan", "Busan", "KR", "Corée du Sud", 35.1796, 129.0756),
]
BATCH = 1000
TEN_YEARS = 10 * 365 * 24 * 3600


def chunks(iterable, size):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch


class Command(BaseCommand):
    help = "Create N synthetic published practices and cases in four languages (benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--cases-ratio", type=float, default=0.3)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--no-index", action="store_true", help="Skip the search index (faster).")
        parser.add_argument("--delete", action="store_true", help="Delete the synthetic items instead.")

    def handle(self, count, cases_ratio, seed, no_index, delete, **options):
        if delete:
            for model in (GoodPractice, CollaborationCase):
                deleted, _detail = model.objects.filter(slug__startswith=PREFIX).delete()
                self.stdout.write(f"Deleted {deleted} rows of {model._meta.verbose_name_plural}.")
            bump_generation()
            return
        if count < 0 or count > 1_000_000:
            raise CommandError("N must be between 0 and 1,000,000.")
        rng = random.Random(seed)
        with transaction.atomic():
            territories = self.territories()
            start = GoodPractice.objects.filter(slug__startswith=PREFIX).count() + \
                CollaborationCase.objects.filter(slug__startswith=PREFIX).count()
            n_cases = int(count * cases_ratio)
            practices = self.create(GoodPractice, count - n_cases, start, rng, territories)
            cases = self.create(CollaborationCase, n_cases, start + count - n_cases, rng, territories)
        if not no_index:
            self.index(GoodPractice, practices)
            self.index(CollaborationCase, cases)
        # bulk_create sends no signal: tell the page cache that the listings changed.
        refresh_statistics()
        bump_generation()
        self.stdout.write(self.style.SUCCESS(f"Created {len(practices)} practices and {len(cases)} cases."))

    def territories(self):
        existing = list(Territory.objects.all())
        for slug, name, code, country, lat, lng in PLACES:
            if not any(territory.slug == slug for territory in existing):
                existing.append(Territory.objects.create(
                    slug=slug, name=name, name_fr=name, country_code=code, country=country, country_fr=country,
                    latitude=lat, longitude=lng,
                ))
        return existing

    def text(self, rng, language, words):
        return " ".join(rng.choice(WORDS[language]) for _ in range(words))

    def create(self, model, count, start, rng, territories):
        if count <= 0:
            return []
        now = timezone.now()
        themes = list(Theme.objects.values_list("pk", flat=True))
        stakeholders = list(StakeholderType.objects.values_list("pk", flat=True))
        resources = list(ResourceType.objects.values_list("pk", flat=True))
        forms = list(CollaborationForm.objects.values_list("pk", flat=True))
        stages = list(CollaborationStage.objects.values_list("pk", flat=True))
        objects = []
        for number in range(start, start + count):
            # Publication times spread over ten years, as a library grown over time has them: all
            # at one instant, every "newest first" ordering would be a full sort of ties.
            published = now - datetime.timedelta(seconds=rng.randint(0, TEN_YEARS))
            values = {"slug": f"{PREFIX}{model.kind}-{number}", "live": True, "first_published_at": published,
                      "last_published_at": published, "territory": rng.choice(territories),
                      "start_year": rng.randint(1980, 2024),
                      "resource_type_id": rng.choice(resources) if resources else None}
            for language in WORDS:
                values[f"title_{language}"] = f"{self.text(rng, language, 4)} {number}"
                values[f"summary_{language}"] = self.text(rng, language, 25)
            values["title"] = values["title_fr"]
            values["summary"] = values["summary_fr"]
            if model is CollaborationCase and forms:
                values["collaboration_form_id"] = rng.choice(forms)
            objects.append(model(**values))
        created = []
        for batch in chunks(objects, BATCH):
            created.extend(model.objects.bulk_create(batch))
        if not created or created[0].pk is None:
            created = list(model.objects.filter(slug__in=[obj.slug for obj in objects]))
        owner = f"{model._meta.model_name}_id"
        relations = [(model.themes.through, "theme_id", themes),
                     (model.stakeholder_types.through, "stakeholdertype_id", stakeholders)]
        if model is CollaborationCase:
            relations.append((model.stages.through, "collaborationstage_id", stages))
        for through, column, choices in relations:
            if not choices:
                continue
            rows = []
            for obj in created:
                for pk in rng.sample(choices, k=min(len(choices), rng.randint(1, 2))):
                    rows.append(through(**{owner: obj.pk, column: pk}))
            through.objects.bulk_create(rows, batch_size=BATCH)
        return created

    def index(self, model, objects):
        backend = get_search_backend()
        pks = [obj.pk for obj in objects]
        related = ["themes", "stakeholder_types", "partners"]
        if model is CollaborationCase:
            related.append("stages")
        for batch in chunks(pks, BATCH):
            related_fk = ["territory", "collaboration_form"] if model is CollaborationCase else ["territory"]
            items = list(model.objects.filter(pk__in=batch).select_related(*related_fk)
                         .prefetch_related(*related))
            backend.add_bulk(model, items)
