"""The demo's "Langue préférée" drop-down becomes a language field, and the requests it
stored keep a code instead of the word the visitor read ("Espagnol", "스페인어")."""

from django.db import migrations

# The demo's choices, one line per language in this order, in each language's columns.
CODES = ["fr", "en", "es", "ko"]
DEMO_CHOICES_FR = ["Français", "Anglais", "Espagnol", "Coréen"]


def lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def to_codes(apps, schema_editor):
    TransferFormField = apps.get_model("services", "TransferFormField")
    FormSubmission = apps.get_model("wagtailforms", "FormSubmission")
    # Only a drop-down that is the demo's (the four names in French, in this order): an
    # editor's own drop-down may mean something else.
    for field in TransferFormField.objects.filter(field_type="dropdown"):
        if lines(field.choices_fr) != DEMO_CHOICES_FR:
            continue
        words = {}
        for language in CODES:
            for code, word in zip(CODES, lines(getattr(field, f"choices_{language}", "")), strict=False):
                words[word] = code
        for submission in FormSubmission.objects.filter(page_id=field.page_id):
            value = submission.form_data.get(field.clean_name)
            if value in words:
                submission.form_data[field.clean_name] = words[value]
                submission.save(update_fields=["form_data"])
        field.field_type = "language"
        for language in CODES:
            setattr(field, f"choices_{language}", "")
        field.choices = ""
        field.save()


class Migration(migrations.Migration):

    dependencies = [
        ("services", "0004_transfer_form_language_field"),
        ("wagtailforms", "0005_alter_formsubmission_form_data"),
    ]

    operations = [migrations.RunPython(to_codes, migrations.RunPython.noop)]
