"""Snippet admin views shared by the library and the partners.

The form checks that a slug is free before saving, but two saves of the same slug can both
pass that check (two editors at once, a double click on a workflow button, which has no
progress lock; a moderator publishing a draft whose slug another item took since): the
second then hit the database's unique index and the person got a 500. Here that save is
turned back into the form, with the field's usual "already exists" error and every value
they typed. The request's writes are rolled back together, and the other item is untouched.
"""

from django.db import IntegrityError, transaction
from wagtail.snippets.views import snippets as snippet_views
from wagtail.snippets.views.snippets import SnippetViewSet


def taken_unique_fields(instance):
    """The names of `instance`'s unique fields whose value another row already holds."""
    model = type(instance)
    manager = model._default_manager
    taken = []
    for field in model._meta.concrete_fields:
        if not field.unique or field.primary_key:
            continue
        value = getattr(instance, field.attname)
        if value in (None, ""):
            continue
        clash = manager.filter(**{field.attname: value})
        if instance.pk is not None:
            clash = clash.exclude(pk=instance.pk)
        if clash.exists():
            taken.append(field.name)
    return taken


class UniqueClashMixin:
    def form_valid(self, form):
        # One transaction around the save and what follows it (a moderator's publish writes
        # the slug to the table only then), so that a clash leaves nothing of this request.
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except IntegrityError:
            instance = form.instance
            if getattr(self, "view_name", "") == "create":
                # The failed INSERT may have left a primary key the database never kept.
                instance.pk = None
                instance._state.adding = True
            taken = taken_unique_fields(instance)
            if not taken:
                raise
            for name in taken:
                form.add_error(name, instance.unique_error_message(type(instance), (name,)))
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class CreateView(UniqueClashMixin, snippet_views.CreateView):
    pass


class EditView(UniqueClashMixin, snippet_views.EditView):
    pass


class PortalSnippetViewSet(SnippetViewSet):
    """The project's snippets: a clash on a unique field is a form error, never a 500."""

    add_view_class = CreateView
    edit_view_class = EditView
