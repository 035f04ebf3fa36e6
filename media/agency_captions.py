"""Read the caption and credit news agencies put in a photo (IPTC IIM and XMP), as suggestions.

Agency photos carry their words in the file: Headline, Caption-Abstract / dc:description,
By-line / dc:creator, Credit / photoshop:Credit, Source / photoshop:Source. The upload strips that
metadata (media.image_metadata), so it is read first, from the original bytes, and offered as the
image's caption, credit and alt text (media.forms). Hostile input gives no suggestion, never an
error: a malformed IPTC block, an XMP packet with a DTD (an entity bomb) or broken XML.
"""

import re
import unicodedata
from io import BytesIO

from defusedxml import ElementTree
from PIL import Image

from core.text import clean_input

# The fields the suggestions fill, with the longest text each holds (PortalImage).
MAX_LENGTHS = {"caption": 2000, "credit": 255, "description": 255}

# IPTC IIM datasets (record 2, application record) and the coded character set (1:90).
IIM_BYLINE, IIM_HEADLINE, IIM_CREDIT, IIM_SOURCE, IIM_CAPTION = (
    (2, 80), (2, 105), (2, 110), (2, 115), (2, 120)
)  # fmt: skip
IIM_CHARSET = (1, 90)
IIM_RESOURCE = 0x0404  # the Photoshop image resource (APP13, "8BIM") that holds IIM
IIM_UTF8 = b"\x1b%G"

READABLE_FORMATS = ["JPEG", "PNG", "GIF", "WEBP"]
XMP_MAX_BYTES = 256 * 1024
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
DC = "{http://purl.org/dc/elements/1.1/}"
PHOTOSHOP = "{http://ns.adobe.com/photoshop/1.0/}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def suggest_captions(data):
    """{"caption", "credit", "description"} read from the image `data`, only those found.

    XMP is Unicode by definition, so it wins over IIM field by field.
    """
    try:
        # Only the library's formats: never a plug-in that runs a program (EPS and Ghostscript).
        with Image.open(BytesIO(data), formats=READABLE_FORMATS) as image:
            iim = _iim_fields(image)
            xmp = _xmp_fields(image.info.get("xmp"))
    except Exception:  # noqa: BLE001 (the upload's own checks decide whether the file is good)
        return {}
    found = {name: xmp.get(name) or iim.get(name) or "" for name in (*iim, *xmp)}
    return _suggestions(found)


def _suggestions(found):
    headline, caption = found.get("headline", ""), found.get("caption", "")
    agency = found.get("credit") or found.get("source", "")
    byline = found.get("byline", "")
    if agency and byline and byline not in agency:
        credit = f"{agency}/{byline}"  # the portal's "TTXVN/Nguyễn Văn A"
    else:
        credit = agency or byline
    suggestions = {
        "caption": caption or headline,
        "credit": credit,
        # The headline says what the photo shows in a line; an empty alt falls back to the caption.
        "description": headline if caption and headline != caption else "",
    }
    return {
        name: text[: MAX_LENGTHS[name]].strip()
        for name, text in suggestions.items()
        if text and text.strip()
    }


def _clean(text, *, multiline=False):
    text = clean_input(text).replace("\r\n", "\n").replace("\r", "\n")
    if multiline:
        return "\n".join(re.sub(r"\s+", " ", line).strip() for line in text.split("\n")).strip()
    return re.sub(r"\s+", " ", text).strip()


# IPTC IIM ----------------------------------------------------------------------------------------


def _iim_fields(image):
    info = _iim_datasets((image.info.get("photoshop") or {}).get(IIM_RESOURCE))
    declared_utf8 = _first(info.get(IIM_CHARSET)) == IIM_UTF8
    fields = {}
    for name, key in (
        ("headline", IIM_HEADLINE),
        ("caption", IIM_CAPTION),
        ("credit", IIM_CREDIT),
        ("source", IIM_SOURCE),
    ):
        value = _first(info.get(key))
        if value:
            fields[name] = _clean(_decode(value, declared_utf8), multiline=name == "caption")
    names = info.get(IIM_BYLINE)
    if names:
        fields["byline"] = ", ".join(
            filter(None, (_clean(_decode(name, declared_utf8)) for name in names))
        )
    return fields


def _iim_datasets(block):
    """{(record, dataset): [bytes, ...]} of an IPTC IIM block, or {} if any part of it is broken.

    Written here rather than Pillow's IptcImagePlugin.getiptcinfo, which keeps a dataset whose
    length runs past the block's end, cut short, and raises on others.
    """
    if not isinstance(block, bytes):
        return {}
    datasets, pos = {}, 0
    while pos < len(block) and block[pos] != 0:  # trailing zero padding ends the block
        if block[pos] != 0x1C or pos + 5 > len(block):
            return {}
        tag, length = (block[pos + 1], block[pos + 2]), int.from_bytes(block[pos + 3 : pos + 5])
        if length & 0x8000 or pos + 5 + length > len(block):  # an extended length is never text
            return {}
        datasets.setdefault(tag, []).append(block[pos + 5 : pos + 5 + length])
        pos += 5 + length
    return datasets


def _first(values):
    return values[0] if values else None


def _decode(raw, declared_utf8):
    """IIM text in UTF-8, or (older agency software) in a Windows-1258 code page.

    UTF-8 is tried first even without the 1:90 declaration: valid UTF-8 is almost never an
    accident in a single-byte code page. Windows-1258 writes tone marks as combining characters,
    composed here.
    """
    if not isinstance(raw, bytes):
        return ""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        if declared_utf8:
            return raw.decode("utf-8", errors="replace").replace("\ufffd", "")
    return unicodedata.normalize(
        "NFC", raw.decode("cp1258", errors="replace").replace("\ufffd", "")
    )


# XMP ---------------------------------------------------------------------------------------------


def _xmp_fields(packet):
    if not packet or len(packet) > XMP_MAX_BYTES:
        return {}
    try:
        root = ElementTree.fromstring(packet, forbid_dtd=True)
    except Exception:  # noqa: BLE001 (DTDForbidden, EntitiesForbidden, ParseError...)
        return {}
    fields = {}
    for name, tag in (
        ("headline", f"{PHOTOSHOP}Headline"),
        ("caption", f"{DC}description"),
        ("credit", f"{PHOTOSHOP}Credit"),
        ("source", f"{PHOTOSHOP}Source"),
        ("byline", f"{DC}creator"),
    ):
        value = _xmp_property(root, tag)
        if value:
            fields[name] = _clean(value, multiline=name == "caption")
    return fields


def _xmp_property(root, tag):
    """A property's text, written as an attribute or an element of any rdf:Description: a
    language alternative gives its Vietnamese or default entry, a list its items joined."""
    for description in root.iter(f"{RDF}Description"):
        if description.get(tag):
            return description.get(tag)
        element = description.find(tag)
        if element is None:
            continue
        items = element.findall(f"./*/{RDF}li")
        if not items:
            return element.text or ""
        if element.find(f"{RDF}Alt") is not None:
            by_language = {item.get(XML_LANG, "x-default"): item.text or "" for item in items}
            for language in ("vi", "vi-VN", "x-default"):
                if by_language.get(language):
                    return by_language[language]
            return next((text for text in by_language.values() if text), "")
        return ", ".join(item.text.strip() for item in items if item.text and item.text.strip())
    return ""
