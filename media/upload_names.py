"""The name an uploaded file is stored under, made from the name the editor's computer sent.

Django already keeps a sent name from choosing a folder (its multipart parser and storage take the
last path part and refuse ".."), but it keeps most of the rest: control and bidirectional
characters ("hoa-don\u202efdp.exe" reads "hoa-donexe.pdf"), Windows device names (CON, NUL…, which
a Windows machine that downloads or syncs the uploads cannot open), leading dots (".htaccess", a
hidden file that web servers read), names longer than the field. Images get Wagtail's own ASCII
rule on top; documents and media keep Vietnamese letters, which some download tools mangle.
Here every upload gets one predictable form: ASCII, lower case, words joined by "-",
e.g. "Nghị định 68-2023.PDF" -> "nghi-dinh-68-2023.pdf".
"""

import posixpath
import re

from core.text import clean_input, vi_slugify

MAX_STEM_LENGTH = 60  # Wagtail's file fields hold 100 characters, folder and suffix included
WINDOWS_DEVICE_NAMES = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])$")
DEFAULT_STEM = "tep"


def clean_upload_name(name):
    """`name` as a safe file name (no folder): "../../etc/passwd.jpg" -> "passwd.jpg"."""
    name = clean_input(str(name or "")).replace("\\", "/")
    name = posixpath.basename(name).strip().lstrip(".")
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    extension = re.sub(r"[^a-z0-9]", "", extension.lower())[:10]
    stem = vi_slugify(stem, max_length=MAX_STEM_LENGTH) or DEFAULT_STEM
    if WINDOWS_DEVICE_NAMES.match(stem):
        stem = f"{stem}-{DEFAULT_STEM}"
    return f"{stem}.{extension}" if extension else stem


def clean_upload(upload):
    """Rename an uploaded file (in place, before it is stored) and return it."""
    if upload is not None and getattr(upload, "name", None):
        upload.name = clean_upload_name(upload.name)
    return upload
