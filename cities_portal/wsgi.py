import os

from django.core.wsgi import get_wsgi_application

# Deployments set DJANGO_SETTINGS_MODULE explicitly; production is the safe default here.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cities_portal.settings.production")

application = get_wsgi_application()
