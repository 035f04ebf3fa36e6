"""Content-Security-Policy: a strict one for readers, a looser one for the Wagtail admin.

django-csp builds and sends the header (settings.CONTENT_SECURITY_POLICY, the public site's).
This subclass only picks the admin's policy (settings.PORTAL_ADMIN_CONTENT_SECURITY_POLICY) for
paths under the admin: Wagtail 8's admin still writes a few inline scripts (inline panels,
date pickers) and style attributes, which the public policy forbids. It extends
``get_policy_parts``, the hook django-csp documents for this.

It sits before the page cache in MIDDLEWARE, so a page answered from the cache carries the
policy too (the cache keeps the headers of the view's response, not the ones added outside it).
"""

from django.conf import settings

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config

ADMIN_PATH = "/admin/"  # portal/urls.py


class PortalCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and request.path_info.startswith(ADMIN_PATH):
            return PolicyParts(
                config=default_config(settings.PORTAL_ADMIN_CONTENT_SECURITY_POLICY),
                update=parts.update,
                replace=parts.replace,
                nonce=parts.nonce,
            )
        return parts
