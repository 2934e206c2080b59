"""Page types of the services app, split by topic; import them from here."""

from services.models.events import EventIndexPage, EventPage
from services.models.forms import TransferFormField, TransferRequestFormPage
from services.models.pages import HomePage, ServicePage, ServicePillarPage, StandardPage

__all__ = [
    "EventIndexPage",
    "EventPage",
    "HomePage",
    "ServicePage",
    "ServicePillarPage",
    "StandardPage",
    "TransferFormField",
    "TransferRequestFormPage",
]
