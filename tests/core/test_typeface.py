"""The portal's typeface: Be Vietnam Pro, served by the portal itself, never hiding the text
(the preloaded body weight `font-display: swap`, the others `optional`, so a late bold never
shifts the page), and covering every Vietnamese letter (static/fonts/README.md).

The coverage is read from the fonts' own character maps (fontTools, with brotli for WOFF2), not
only from the CSS: a `unicode-range` can promise a glyph the file does not have."""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders

import pytest

from tests.factories import ArticlePageFactory, SectionPageFactory

VIETNAMESE_SAMPLE = "Đường Ướt Ỹ ữ"
CSS = Path(settings.BASE_DIR, "static", "css", "portal.css").read_text(encoding="utf-8")
FONT_FACES = re.findall(r"@font-face\s*{([^}]*)}", CSS)
PRELOADS = re.compile(
    r'<link rel="preload" href="([^"]+)" as="font" type="font/woff2" crossorigin>'
)


def _descriptor(face, name):
    found = re.search(rf"{name}:\s*([^;]+);", face)
    return found.group(1).strip() if found else ""


def _font_path(face):
    url = re.search(r'url\("([^"]+)"\)', face).group(1)
    assert url.startswith("../fonts/"), f"{url} is not the portal's own file"
    found = finders.find("fonts/" + url.removeprefix("../fonts/"))
    assert found, f"{url} is not among the portal's static files"
    return found


def _in_range(char, unicode_range):
    code = ord(char)
    for part in unicode_range.split(","):
        low, _, high = part.strip().removeprefix("U+").partition("-")
        if int(low, 16) <= code <= int(high or low, 16):
            return True
    return False


def test_every_font_face_is_a_woff2_of_the_portal_shown_at_once_in_a_fallback():
    assert len(FONT_FACES) == 8  # 400, 400 italic, 600, 700; Latin and Vietnamese each
    for face in FONT_FACES:
        assert _descriptor(face, "font-family") == '"Be Vietnam Pro"'
        body = _descriptor(face, "font-weight") == "400" and "normal" in face
        assert _descriptor(face, "font-display") == ("swap" if body else "optional")
        assert 'format("woff2")' in face
        assert "//" not in _descriptor(face, "src")
        _font_path(face)
    assert re.search(r'--font-sans: "Be Vietnam Pro", system-ui,', CSS)


def test_each_vietnamese_letter_goes_to_a_file_that_has_its_glyph():
    """For every weight and style, each letter of the sample falls in one face's unicode-range,
    and that face's file maps it to a glyph: the page never mixes in the fallback's letters."""
    from fontTools.ttLib import TTFont

    styles = {}
    for face in FONT_FACES:
        key = (_descriptor(face, "font-weight"), _descriptor(face, "font-style"))
        cmap = TTFont(_font_path(face)).getBestCmap()
        styles.setdefault(key, []).append((_descriptor(face, "unicode-range"), cmap))
    assert set(styles) == {
        ("400", "normal"),
        ("400", "italic"),
        ("600", "normal"),
        ("700", "normal"),
    }
    for key, faces in styles.items():
        for char in VIETNAMESE_SAMPLE.replace(" ", ""):
            owners = [cmap for unicode_range, cmap in faces if _in_range(char, unicode_range)]
            assert owners, f"no face of {key} is meant for {char!r}"
            assert all(ord(char) in cmap for cmap in owners), f"{key} has no glyph for {char!r}"


@pytest.mark.django_db
def test_article_preloads_the_body_weight_from_the_portal_only(client, home_page):
    article = ArticlePageFactory(parent=SectionPageFactory(parent=home_page))
    html = client.get(article.url).text
    preloaded = PRELOADS.findall(html)
    assert [Path(url).name.split(".")[0] for url in preloaded] == [
        "be-vietnam-pro-latin-400-normal",
        "be-vietnam-pro-vietnamese-400-normal",
    ]
    assert all(url.startswith(settings.STATIC_URL) for url in preloaded)
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html


def test_the_readers_policy_lets_fonts_come_from_the_portal_only():
    assert settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["font-src"] == ["'self'"]
