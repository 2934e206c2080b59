"""The admin's list of transfer requests: a language is shown by its name, not its code."""

from wagtail.contrib.forms.views import SubmissionsListView

from services.models.forms import LANGUAGE_FIELD, language_label


class TransferSubmissionsListView(SubmissionsListView):
    """The admin's list (and spreadsheet export) of requests, with a language as a name."""

    def language_columns(self):
        return {field.clean_name for field in self.form_page.get_form_fields()
                if field.field_type == LANGUAGE_FIELD}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        columns = self.language_columns()
        positions = [i for i, (name, _label) in enumerate(self.form_page.get_data_fields()) if name in columns]
        for row in context.get("data_rows", []):
            for i in positions:
                row["fields"][i] = language_label(row["fields"][i])
        return context

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        for name in self.language_columns() & set(row):
            row[name] = language_label(row[name])
        return row
