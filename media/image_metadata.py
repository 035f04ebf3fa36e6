"""Cut identifying metadata out of an image file without touching its pixels.

Exif (bar the orientation), XMP, IPTC, comments and text chunks can locate or identify a
photographer; they are removed segment by segment, chunk by chunk, and the compressed picture
data is copied byte for byte. Used by media.uploads on every image upload.
"""

import zlib

from PIL import ExifTags, Image


class CorruptImage(ValueError):
    """The file's structure is broken: truncated, or a length pointing past the end."""


def strip_metadata(data, image_format):
    """The same image without Exif (bar its orientation), XMP, IPTC, comments or text chunks."""
    return {"jpeg": strip_jpeg, "png": strip_png, "webp": strip_webp, "gif": strip_gif}[
        image_format
    ](data)


def orientation_exif(exif_data):
    """A minimal TIFF/Exif block holding only the orientation of `exif_data`, or b"" if upright.

    Cameras store a rotated photo as the sensor saw it plus an Orientation tag; dropping the tag
    would turn the photo on its side.
    """
    if not exif_data:
        return b""
    try:
        source = Image.Exif()
        source.load(exif_data)
        orientation = source.get(ExifTags.Base.Orientation)
    except Exception:  # noqa: BLE001 (a malformed Exif block is simply dropped)
        return b""
    if not isinstance(orientation, int) or not 2 <= orientation <= 8:
        return b""
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    return exif.tobytes()[len(b"Exif\x00\x00") :]


def _need(data, end):
    if end > len(data):
        raise CorruptImage("unexpected end of file")


# JPEG: keep the segments needed to decode and colour the image, cut everything else.
JPEG_KEEP_APP = {
    0xE0: b"JFIF\x00",  # JFIF header
    0xE2: b"ICC_PROFILE\x00",  # colour profile (APP2 also carries MPF, which is dropped)
    0xEE: b"Adobe",  # colour transform flag: without it some CMYK/YCCK files decode wrongly
}
JPEG_STANDALONE = {0x01, *range(0xD0, 0xD8)}  # TEM and RSTn have no length


def strip_jpeg(data):
    """Drop APP1 (Exif, XMP), APP13 (IPTC), comments, MPF and any data after the image's end.

    A phone's extra pictures (depth map, HDR gain map) follow the first image's EOI, each with its
    own Exif; cutting at EOI drops them too. The entropy-coded data is copied byte for byte.
    """
    if data[:2] != b"\xff\xd8":
        raise CorruptImage("no SOI")
    segments = []
    exif = b""
    pos = 2
    while True:
        _need(data, pos + 1)
        if data[pos] != 0xFF:
            raise CorruptImage("marker expected")
        while data[pos] == 0xFF:  # fill bytes
            pos += 1
            _need(data, pos + 1)
        marker = data[pos]
        pos += 1
        if marker == 0xD9:  # EOI
            break
        if marker in JPEG_STANDALONE:
            segments.append(bytes((0xFF, marker)))
            continue
        _need(data, pos + 2)
        length = int.from_bytes(data[pos : pos + 2], "big")
        if length < 2:
            raise CorruptImage("bad segment length")
        _need(data, pos + length)
        segment = b"\xff" + bytes((marker,)) + data[pos : pos + length]
        payload = data[pos + 2 : pos + length]
        pos += length
        if marker == 0xDA:  # SOS: the scan's entropy-coded data runs to the next real marker
            start = pos
            while True:
                pos = data.find(b"\xff", pos)
                if pos < 0 or pos + 1 >= len(data):
                    raise CorruptImage("scan data truncated")
                following = data[pos + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7:
                    pos += 2
                elif following == 0xFF:
                    pos += 1
                else:
                    break
            segments.append(segment + data[start:pos])
        elif 0xE0 <= marker <= 0xEF or marker == 0xFE:
            if marker == 0xE1 and not exif and payload.startswith(b"Exif\x00\x00"):
                exif = payload  # the first Exif block is the one readers honour
            signature = JPEG_KEEP_APP.get(marker)
            if signature and payload.startswith(signature):
                segments.append(segment)
        else:
            segments.append(segment)
    if not any(segment[1] == 0xDA for segment in segments):
        raise CorruptImage("no image data")
    orientation = orientation_exif(exif)
    if orientation:
        payload = b"Exif\x00\x00" + orientation
        app1 = b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload
        # JFIF's APP0, when present, must stay the first segment.
        at = 1 if segments and segments[0][1] == 0xE0 else 0
        segments.insert(at, app1)
    return b"\xff\xd8" + b"".join(segments) + b"\xff\xd9"


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Ancillary chunks that change how the image looks (colour, transparency, animation). Text, eXIf,
# tIME and any chunk not listed are dropped; critical chunks (IHDR, PLTE, IDAT, IEND) always stay.
PNG_KEEP_ANCILLARY = {
    b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT", b"bKGD", b"pHYs", b"hIST", b"sPLT",
    b"acTL", b"fcTL", b"fdAT", b"cICP", b"mDCV", b"cLLI",
}  # fmt: skip


def _png_chunk(kind, body):
    crc = zlib.crc32(kind + body).to_bytes(4, "big")
    return len(body).to_bytes(4, "big") + kind + body + crc


def strip_png(data):
    """Drop eXIf and tEXt/zTXt/iTXt (and other non-visual chunks) and anything after IEND."""
    if not data.startswith(PNG_SIGNATURE):
        raise CorruptImage("no PNG signature")
    chunks = []
    exif = b""
    pos = len(PNG_SIGNATURE)
    while True:
        _need(data, pos + 8)
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        _need(data, pos + 12 + length)
        body = data[pos + 8 : pos + 8 + length]
        crc = int.from_bytes(data[pos + 8 + length : pos + 12 + length], "big")
        if zlib.crc32(kind + body) != crc:
            raise CorruptImage(f"bad CRC in {kind!r}")
        chunk = data[pos : pos + 12 + length]
        pos += 12 + length
        if kind == b"eXIf" and not exif:
            exif = body
        if not kind[0] & 0x20 or kind in PNG_KEEP_ANCILLARY:
            chunks.append(chunk)
        if kind == b"IEND":
            break
    if not chunks or chunks[0][4:8] != b"IHDR":
        raise CorruptImage("IHDR must come first")
    orientation = orientation_exif(exif)
    if orientation:
        chunks.insert(1, _png_chunk(b"eXIf", orientation))
    return PNG_SIGNATURE + b"".join(chunks)


WEBP_KEEP = {b"VP8X", b"ICCP", b"ANIM", b"ANMF", b"ALPH", b"VP8 ", b"VP8L"}
VP8X_EXIF = 0x08
VP8X_XMP = 0x04


def _riff_chunk(fourcc, body):
    return fourcc + len(body).to_bytes(4, "little") + body + (b"\x00" if len(body) % 2 else b"")


def strip_webp(data):
    """Drop the EXIF and "XMP " chunks (and unknown ones), fix the VP8X flags and the RIFF size."""
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise CorruptImage("not a RIFF/WEBP file")
    end = 8 + int.from_bytes(data[4:8], "little")
    _need(data, end)
    chunks = []
    exif = b""
    pos = 12
    while pos < end:
        _need(data, pos + 8)
        fourcc = data[pos : pos + 4]
        size = int.from_bytes(data[pos + 4 : pos + 8], "little")
        if pos + 8 + size > end:
            raise CorruptImage(f"chunk {fourcc!r} runs past the end")
        body = data[pos + 8 : pos + 8 + size]
        pos += 8 + size + size % 2
        if fourcc == b"EXIF" and not exif:
            exif = body
        if fourcc in WEBP_KEEP:
            chunks.append([fourcc, body])
    if not chunks:
        raise CorruptImage("no image data")
    # Exif can only be carried by the extended format (with its VP8X header chunk).
    orientation = orientation_exif(exif) if chunks[0][0] == b"VP8X" else b""
    if chunks[0][0] == b"VP8X":
        header = bytearray(chunks[0][1])
        if not header:
            raise CorruptImage("empty VP8X")
        header[0] &= ~(VP8X_EXIF | VP8X_XMP) & 0xFF
        if orientation:
            header[0] |= VP8X_EXIF
            chunks.append([b"EXIF", orientation])
        chunks[0][1] = bytes(header)
    body = b"WEBP" + b"".join(_riff_chunk(fourcc, content) for fourcc, content in chunks)
    return b"RIFF" + len(body).to_bytes(4, "little") + body


# GIF application extensions that affect playback or colour; XMP and others are dropped.
GIF_KEEP_APPLICATIONS = (b"NETSCAPE2.0", b"ANIMEXTS1.0", b"ICCRGBG1012")


def _gif_sub_blocks_end(data, pos):
    while True:
        _need(data, pos + 1)
        size = data[pos]
        pos += 1 + size
        if size == 0:
            return pos


def strip_gif(data):
    """Drop comment extensions and application extensions such as XMP; cut after the trailer."""
    if data[:6] not in (b"GIF87a", b"GIF89a"):
        raise CorruptImage("no GIF header")
    _need(data, 13)
    flags = data[10]
    pos = 13 + (3 * 2 ** ((flags & 0x07) + 1) if flags & 0x80 else 0)
    _need(data, pos)
    out = [data[:pos]]
    while True:
        _need(data, pos + 1)
        introducer = data[pos]
        if introducer == 0x3B:  # trailer
            out.append(b";")
            break
        if introducer == 0x2C:  # image descriptor, optional local colour table, LZW data
            _need(data, pos + 10)
            local = data[pos + 9]
            start = pos
            pos += 10 + (3 * 2 ** ((local & 0x07) + 1) if local & 0x80 else 0) + 1
            pos = _gif_sub_blocks_end(data, pos)
            out.append(data[start:pos])
        elif introducer == 0x21:  # extension
            _need(data, pos + 2)
            label = data[pos + 1]
            start = pos
            pos = _gif_sub_blocks_end(data, pos + 2)
            block = data[start:pos]
            if label in (0xF9, 0x01) or (label == 0xFF and block[3:14] in GIF_KEEP_APPLICATIONS):
                out.append(block)
        else:
            raise CorruptImage("unknown GIF block")
    return b"".join(out)
