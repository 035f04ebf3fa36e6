from django import template

from ..directory import ATOM_TYPE, RSS_TYPE, feeds_for

register = template.Library()


@register.inclusion_tag("syndication/includes/feed_links.html", takes_context=True)
def feed_links(context):
    """`<link rel="alternate">` for the feeds that follow what this page shows."""
    links = feeds_for(context.get("page"), context.get("topic"))
    return {"links": links, "rss_type": RSS_TYPE, "atom_type": ATOM_TYPE}
