"""The cache tags (core/cache_tags.py) of what shows citations.

- `cited-by-<document id>`: a document's list of what cites it; renewed when a page citing it
  is published (or stops citing it).
- `awaiting-<name>`: a page that cites a number the portal did not hold (or held twice) when the
  page was shown; renewed when a document of that number is published. A citation that found its
  document carries that document's page tag instead, so publishing one more article that cites
  a much-cited law renews none of the thousands of pages that cite it too.
"""

import re


def cited_by_tag(document_id):
    return f"cited-by-{document_id}"


def awaiting_tag(names):
    """`awaiting-15_2020_ND-CP`, `awaiting-15_2020_-nghi-dinh`."""
    key, prefix, kind = names
    return "awaiting-" + re.sub(r"[^A-Za-z0-9-]", "_", key or f"{prefix}-{kind}")
