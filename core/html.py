"""HTML the portal hands to other sites (feeds, the API): every address on this site absolute."""

import re

# src, href and poster, and each candidate of a srcset: made absolute when a path on this site.
URL_ATTRIBUTE = re.compile(r'(\s(?:src|href|poster|srcset)=")([^"]*)(")')
SRCSET_PATH = re.compile(r"(^|,\s*)/(?!/)")


def absolute_urls(html, base):
    """`html` with each site-relative address prefixed by `base` ("https://host", no slash)."""

    def absolute(match):
        attribute, value, end = match.groups()
        if attribute.strip() == 'srcset="':
            value = SRCSET_PATH.sub(lambda m: f"{m.group(1)}{base}/", value)
        elif value.startswith("/") and not value.startswith("//"):
            value = base + value
        return attribute + value + end

    return URL_ATTRIBUTE.sub(absolute, html)
