"""The curators' admin: pages, domains, the import page and the pipeline dashboard."""

from pages.admin.domains import DomainAdmin
from pages.admin.pages import PageAdmin

__all__ = ["DomainAdmin", "PageAdmin"]
