"""manage.py invite_partner EMAIL PARTNER_SLUG [--language fr|en|es|ko]

Make EMAIL a representative of the partner and send it a single-use link to set its password
(the same as the admin's "Invite a representative" form)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from partners.models import Partner
from partners.space.actions import InvitationError, invite


class Command(BaseCommand):
    help = "Invite a partner representative: e-mail them a single-use link to set their password."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("partner", help="The partner's slug.")
        parser.add_argument("--language", default=settings.LANGUAGE_CODE,
                            choices=[code for code, _name in settings.LANGUAGES],
                            help="Language of the e-mail and of the link.")

    def handle(self, *args, email, partner, language, **options):
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"{email!r} is not a valid e-mail address.") from None
        try:
            partner_obj = Partner.objects.get(slug=partner)
        except Partner.DoesNotExist:
            raise CommandError(f"No partner with the slug {partner!r}.") from None
        try:
            user = invite(email, partner_obj, language=language)
        except InvitationError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Invitation sent to {user.email} for {partner_obj.name}.")
