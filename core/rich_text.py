"""Rich text as stored: only the markup the editor can make, links only to safe addresses.

Draftail already limits what an editor's rich text can hold (Wagtail turns its content state into
the database format through a whitelist, and drops `javascript:` links with
`wagtail.whitelist.check_url`). But rich text also reaches the database from code: imports,
`seed_demo`, a shell, a migration. Wagtail renders the database format as it is (`|richtext` only
expands its own `<a linktype>` and `<embed>` tags), so a stored `<a href="javascript:…">`,
`<img onerror>` or `<script>` would reach readers, feeds and the API. `sanitise_rich_text` runs on
every save (core.input_cleaning), so what is stored is what Draftail could have made.
"""

import re

from wagtail.whitelist import check_url

from bs4 import BeautifulSoup, NavigableString

# Elements dropped with everything inside them: their content is code, not text.
DROPPED_WITH_CONTENT = frozenset(
    {
        "script", "style", "iframe", "frame", "frameset", "object", "applet", "svg", "math",
        "template", "noscript", "noembed", "noframes", "textarea", "select", "button", "form",
        "input", "link", "meta", "base", "title", "head", "audio", "video", "source", "img",
        "picture", "canvas", "xmp", "plaintext", "portal",
        # Wagtail's image and media embeds: no portal rich text has those features (photos are
        # StreamField blocks), and one with a bad id or format makes its page, every feed that
        # carries it and the API a 500.
        "embed",
    }
)  # fmt: skip
# What Wagtail's database format and the portal's features (core.blocks.RICH_TEXT_FEATURES, and
# tables and headings in imported legal texts) use; any other element is unwrapped to its text.
ALLOWED_ATTRIBUTES = {
    "a": {"href", "linktype", "id"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    **{
        tag: set()
        for tag in (
            "p",
            "br",
            "hr",
            "b",
            "strong",
            "i",
            "em",
            "u",
            "s",
            "sup",
            "sub",
            "ul",
            "ol",
            "li",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "blockquote",
            "code",
            "pre",
            "table",
            "thead",
            "tbody",
            "tfoot",
            "tr",
            "caption",
        )
    },  # fmt: skip
}
URL_ATTRIBUTES = frozenset({"href", "url"})
# Draftail writes a key on every block; Wagtail's comments on rich text are anchored by it.
BLOCK_KEY = "data-block-key"
BLOCK_KEY_VALUE = re.compile(r"[\w-]{1,16}")


def sanitise_rich_text(html):
    """`html` (Wagtail's database format) without scripts, event handlers, styles or links to
    `javascript:`/`data:`/`vbscript:` addresses. Returned unchanged (the same string) when it
    holds nothing to remove, so a save does not rewrite every body."""
    if not html or "<" not in html:
        return html
    soup = BeautifulSoup(html, "html.parser")
    changed = False
    # Comments, CDATA sections, declarations, processing instructions: html.parser keeps them as
    # text, but a browser reads `<![CDATA[>` as a comment that ends at the first ">", so what
    # follows would be live markup (and conditional comments are markup to old browsers).
    for special in soup.find_all(string=lambda text: type(text) is not NavigableString):
        special.extract()
        changed = True
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        name = tag.name.lower()
        if name in DROPPED_WITH_CONTENT:
            tag.decompose()
            changed = True
            continue
        if name not in ALLOWED_ATTRIBUTES:
            tag.unwrap()
            changed = True
            continue
        allowed = ALLOWED_ATTRIBUTES[name]
        for attribute, value in list(tag.attrs.items()):
            if attribute == BLOCK_KEY and BLOCK_KEY_VALUE.fullmatch(str(value)):
                continue
            if attribute not in allowed or (
                attribute in URL_ATTRIBUTES and check_url(str(value)) is None
            ):
                del tag[attribute]
                changed = True
    return str(soup) if changed else html
