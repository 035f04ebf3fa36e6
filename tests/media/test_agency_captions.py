"""Agency photos keep their words: the caption and credit an agency wrote into the file (IPTC IIM
and XMP) are offered to the editor on upload, and the stored file still loses its metadata.

Every file is built here: a JPEG with an APP13 "Photoshop 3.0" segment holding an 8BIM 0x0404
(IPTC IIM) resource, and an APP1 XMP packet, with Vietnamese text.
"""

import io
import struct
from html import unescape

from django.urls import reverse

import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from media.agency_captions import suggest_captions
from media.models import PortalImage
from tests.helpers import member_of
from tests.media.test_upload_rules import (
    add_image,
    add_images_multiple,
    picture,
    stored_bytes,
    upload,
)

HEADLINE = "Thủ tướng thăm công trường cao tốc Bắc – Nam"
CAPTION = "Thủ tướng Chính phủ kiểm tra tiến độ thi công đoạn cao tốc qua tỉnh Nghệ An."
AGENCY = "TTXVN"
BYLINE = "Dương Giang"
NOTE = "Lấy từ dữ liệu ảnh gốc — kiểm tra trước khi lưu"


def iim(record, dataset, value):
    return b"\x1c" + bytes((record, dataset)) + struct.pack(">H", len(value)) + value


def iptc_block(*datasets, utf8=True):
    """An APP13 segment: "Photoshop 3.0", one 8BIM resource 0x0404 holding IIM datasets."""
    data = (iim(1, 90, b"\x1b%G") if utf8 else b"") + b"".join(datasets)
    if len(data) % 2:
        data += b"\x00"
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(data)) + data
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def agency_iptc(headline=HEADLINE, caption=CAPTION, credit=AGENCY, byline=BYLINE):
    return iptc_block(
        iim(2, 105, headline.encode()),
        iim(2, 120, caption.encode()),
        iim(2, 80, byline.encode()),
        iim(2, 110, credit.encode()),
        iim(2, 115, b"TTXVN"),
    )


def xmp_packet(description, creator, credit):
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:Credit="{credit}">
   <dc:description><rdf:Alt>
    <rdf:li xml:lang="en">The Prime Minister visits the site.</rdf:li>
    <rdf:li xml:lang="vi">{description}</rdf:li>
   </rdf:Alt></dc:description>
   <dc:creator><rdf:Seq><rdf:li>{creator}</rdf:li></rdf:Seq></dc:creator>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode()


def agency_jpeg(iptc=None, xmp=None):
    """A JPEG as an agency sends it: IPTC IIM in APP13 and/or XMP in APP1."""
    buffer = io.BytesIO()
    picture().save(buffer, "JPEG", **({"xmp": xmp} if xmp else {}))
    jpeg = buffer.getvalue()
    return jpeg[:2] + (iptc or b"") + jpeg[2:]


def assert_no_metadata_stored(image):
    stored = stored_bytes(image)
    for trace in (b"Photoshop 3.0", b"8BIM", b"xmpmeta", "Nghệ An".encode(), BYLINE.encode()):
        assert trace not in stored
    with Image.open(io.BytesIO(stored)) as kept:
        assert "xmp" not in kept.info and "photoshop" not in kept.info


# Through the admin -------------------------------------------------------------------------------


def test_a_single_upload_fills_caption_credit_and_alt_from_iptc(admin_client, root_collection):
    response = add_image(admin_client, root_collection, "thu-tuong.jpg", agency_jpeg(agency_iptc()))
    assert response.status_code == 302
    image = PortalImage.objects.get()
    assert image.caption == CAPTION
    assert image.credit == "TTXVN/Dương Giang"
    assert image.description == HEADLINE
    assert_no_metadata_stored(image)


def test_what_the_editor_typed_is_never_replaced(admin_client, root_collection):
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Ảnh thử",
            "collection": root_collection.pk,
            "caption": "Chú thích biên tập viên tự viết.",
            "file": upload("thu-tuong.jpg", agency_jpeg(agency_iptc())),
        },
    )
    assert response.status_code == 302
    image = PortalImage.objects.get()
    assert image.caption == "Chú thích biên tập viên tự viết."
    assert image.credit == "TTXVN/Dương Giang", "an empty field is still offered the file's"


def test_the_multiple_uploader_shows_the_files_words_with_a_note(client, root_collection):
    client.force_login(member_of("Biên tập viên", "bientap"))
    jpeg = agency_jpeg(
        agency_iptc(caption="Chú thích IPTC cũ."),
        xmp_packet(CAPTION, BYLINE, "Thông tấn xã Việt Nam"),
    )
    data = add_images_multiple(client, root_collection, "cao-toc.jpg", jpeg)
    assert data["success"]
    form = unescape(data["form"])
    assert f"{CAPTION}</textarea>" in form, "XMP, always Unicode, wins over IIM"
    assert 'value="Thông tấn xã Việt Nam/Dương Giang"' in form
    assert form.count(NOTE) == 3, "caption, credit and alt each carry the note"

    image = PortalImage.objects.get()
    assert (image.caption, image.credit, image.description) == (
        CAPTION,
        "Thông tấn xã Việt Nam/Dương Giang",
        HEADLINE,
    )
    assert_no_metadata_stored(image)


def test_the_note_is_not_on_a_photo_without_metadata(admin_client, root_collection):
    data = add_images_multiple(admin_client, root_collection, "anh.jpg", agency_jpeg())
    assert data["success"] and NOTE not in unescape(data["form"])
    assert PortalImage.objects.get().caption == ""


@pytest.mark.parametrize(
    "hostile",
    [
        pytest.param(iptc_block(b"\x1c\x02\x78\x7f\xff" + b"cut short"), id="IIM length past end"),
        pytest.param(iptc_block(b"\x00\x00not IIM at all"), id="not IIM"),
    ],
)
def test_a_malformed_iptc_block_is_ignored(admin_client, root_collection, hostile):
    response = add_image(admin_client, root_collection, "anh.jpg", agency_jpeg(hostile))
    assert response.status_code == 302
    image = PortalImage.objects.get()
    assert (image.caption, image.credit) == ("", "")
    assert_no_metadata_stored(image)


XML_BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:Credit="&lol4;"/>
</rdf:RDF></x:xmpmeta>"""


def test_an_xml_bomb_in_xmp_is_ignored(admin_client, root_collection):
    data = add_images_multiple(admin_client, root_collection, "bom.jpg", agency_jpeg(xmp=XML_BOMB))
    assert data["success"]
    image = PortalImage.objects.get()
    assert image.credit == ""
    assert_no_metadata_stored(image)


# The reader itself -------------------------------------------------------------------------------


def test_older_iim_in_a_windows_1258_code_page_is_read():
    """No 1:90 declaration, bytes from Windows-1258 (tone marks as combining characters)."""
    credit = "TTXVN/Lê Văn Nội".replace("ộ", "ô\u0323").encode("cp1258")
    jpeg = agency_jpeg(iptc_block(iim(2, 110, credit), utf8=False))
    assert suggest_captions(jpeg) == {"credit": "TTXVN/Lê Văn Nội"}


def test_a_headline_alone_becomes_the_caption():
    jpeg = agency_jpeg(iptc_block(iim(2, 105, HEADLINE.encode())))
    assert suggest_captions(jpeg) == {"caption": HEADLINE}


def test_a_file_pillow_cannot_open_gives_no_suggestion():
    assert suggest_captions(b"\xff\xd8\xff\xed\x00") == {}


@pytest.mark.parametrize("image_format", ["PNG", "WEBP"])
def test_xmp_is_read_from_png_and_webp_too(image_format):
    packet = xmp_packet(CAPTION, BYLINE, "VGP")
    buffer = io.BytesIO()
    if image_format == "PNG":
        info = PngInfo()
        info.add_itxt("XML:com.adobe.xmp", packet.decode())
        picture().save(buffer, "PNG", pnginfo=info)
    else:
        picture().save(buffer, "WEBP", xmp=packet)
    assert suggest_captions(buffer.getvalue()) == {"caption": CAPTION, "credit": "VGP/Dương Giang"}
