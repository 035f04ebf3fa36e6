"""The API's endpoints under /api/v2/ (syndication/api.py, syndication/api_withdrawn.py)."""

from wagtail.api.v2.router import WagtailAPIRouter

from .api import DocumentsEndpoint, DraftUnitsEndpoint, ImagesEndpoint, PagesEndpoint
from .api_withdrawn import WithdrawnEndpoint

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesEndpoint)
api_router.register_endpoint("images", ImagesEndpoint)
api_router.register_endpoint("documents", DocumentsEndpoint)
api_router.register_endpoint("draft-units", DraftUnitsEndpoint)
api_router.register_endpoint("withdrawn", WithdrawnEndpoint)
