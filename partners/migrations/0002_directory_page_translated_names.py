"""The partner directory page; the partners' name and city become translated.

Existing partners keep their name and city as the French (source) text.
"""

import django.db.models.deletion
import wagtail.contrib.routable_page.models
from django.conf import settings
from django.db import migrations, models


def copy_to_french(apps, schema_editor):
    Partner = apps.get_model("partners", "Partner")
    for partner in Partner.objects.all():
        Partner.objects.filter(pk=partner.pk).update(
            name_fr=partner.name_fr or partner.name, city_fr=partner.city_fr or partner.city,
        )


class Migration(migrations.Migration):

    dependencies = [
        ('partners', '0001_initial'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.CreateModel(
            name='PartnerDirectoryPage',
            fields=[
                ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                ('intro', models.TextField(blank=True, help_text="Shown above the filter: who the centre's partners are and how they work together.", verbose_name='introduction')),
                ('intro_fr', models.TextField(blank=True, help_text="Shown above the filter: who the centre's partners are and how they work together.", null=True, verbose_name='introduction')),
                ('intro_en', models.TextField(blank=True, help_text="Shown above the filter: who the centre's partners are and how they work together.", null=True, verbose_name='introduction')),
                ('intro_es', models.TextField(blank=True, help_text="Shown above the filter: who the centre's partners are and how they work together.", null=True, verbose_name='introduction')),
                ('intro_ko', models.TextField(blank=True, help_text="Shown above the filter: who the centre's partners are and how they work together.", null=True, verbose_name='introduction')),
            ],
            options={
                'verbose_name': 'partner directory page',
            },
            bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, 'wagtailcore.page'),
        ),
        migrations.AddField(
            model_name='partner',
            name='city_en',
            field=models.CharField(blank=True, max_length=120, null=True, verbose_name='city'),
        ),
        migrations.AddField(
            model_name='partner',
            name='city_es',
            field=models.CharField(blank=True, max_length=120, null=True, verbose_name='city'),
        ),
        migrations.AddField(
            model_name='partner',
            name='city_fr',
            field=models.CharField(blank=True, max_length=120, null=True, verbose_name='city'),
        ),
        migrations.AddField(
            model_name='partner',
            name='city_ko',
            field=models.CharField(blank=True, max_length=120, null=True, verbose_name='city'),
        ),
        migrations.AddField(
            model_name='partner',
            name='name_en',
            field=models.CharField(help_text='Full name of the organisation.', max_length=255, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='partner',
            name='name_es',
            field=models.CharField(help_text='Full name of the organisation.', max_length=255, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='partner',
            name='name_fr',
            field=models.CharField(help_text='Full name of the organisation.', max_length=255, null=True, verbose_name='name'),
        ),
        migrations.AddField(
            model_name='partner',
            name='name_ko',
            field=models.CharField(help_text='Full name of the organisation.', max_length=255, null=True, verbose_name='name'),
        ),
        migrations.RunPython(copy_to_french, migrations.RunPython.noop),
    ]
