"""Upload rules for the asset library (filled in below)."""

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm
from wagtailmedia.forms import BaseMediaForm


class PortalImageForm(BaseImageForm):
    pass


class PortalDocumentForm(BaseDocumentForm):
    pass


class PortalMediaForm(BaseMediaForm):
    pass
