"""Partner organisations (snippets) and the directory page that shows them."""

from partners.models.pages import PartnerDirectoryPage
from partners.models.partner import Partner

__all__ = ["Partner", "PartnerDirectoryPage"]
