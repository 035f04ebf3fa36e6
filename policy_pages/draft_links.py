"""Where a reader goes to comment on one unit of a draft.

The policy page is cached whole for every reader, so its form cannot come with a unit chosen on
the server. A unit's link goes to the comment form's own page instead, rendered for this reader
(never cached) with the unit chosen: it works the same with or without JavaScript. The policy
page's form still preselects a unit from `?don-vi=` with its script, for links made that way.
"""

from django.urls import reverse

UNIT_PARAMETER = "don-vi"
FORM_ANCHOR = "gop-y"


def unit_comment_url(policy, unit):
    """ "/y-kien/gui/<policy>/?don-vi=<unit>#gop-y": the form with this unit chosen."""
    path = reverse("policy_pages:submit", args=[policy.pk])
    return f"{path}?{UNIT_PARAMETER}={unit.pk}#{FORM_ANCHOR}"
