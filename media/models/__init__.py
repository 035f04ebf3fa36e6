from .assets import PortalDocument, PortalImage, PortalMedia, PortalRendition

__all__ = ["PortalDocument", "PortalImage", "PortalMedia", "PortalRendition"]
