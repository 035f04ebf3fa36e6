"""Hostile upload names never choose where a file lands, and a private document's file cannot be
fetched past its collection's restriction.

The requests are built by hand: Django's test client (like a browser's file picker) sends only the
last part of a name, while an attacker's multipart body can say "../../etc/passwd.jpg"."""

import io
import re
from pathlib import Path
from uuid import uuid4

from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.models import Collection, CollectionViewRestriction

import pytest
from PIL import Image

from media.models import PortalDocument, PortalImage, PortalMedia
from media.serving import is_private_upload
from media.upload_names import clean_upload_name
from tests.media.test_upload_rules import pdf_bytes, wav_bytes

HOSTILE_NAMES = {
    "parent folders": "../../etc/passwd",
    "absolute path": "/abs/path",
    "windows path": "C:\\Windows\\System32\\tep",
    "NUL": "a\x00b",
    "300 characters": "t" * 300,
    "reserved name": "CON",
    "right-to-left override": "hoa-don\u202eexe.",
    "decomposed Vietnamese": "Nghi\u0323 đi\u0323nh",
}
# The cleaned name, plus the "_<7 letters>" Django's storage adds when the name is taken already.
SAFE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*(_[A-Za-z0-9]{7})?\.[a-z0-9]+$")


def jpeg_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), "teal").save(buffer, "JPEG")
    return buffer.getvalue()


# (admin add URL, extra fields, file field, extension, content, model, folder)
KINDS = {
    "image": (
        lambda: reverse("wagtailimages:add"),
        {"title": "Ảnh thử"},
        "jpg",
        jpeg_bytes,
        PortalImage,
        "original_images",
    ),
    "document": (
        lambda: reverse("wagtaildocs:add"),
        {"title": "Văn bản thử"},
        "pdf",
        pdf_bytes,
        PortalDocument,
        "documents",
    ),
    "audio": (
        lambda: reverse("wagtailmedia:add", args=["audio"]),
        {"title": "Bản tin thử", "duration": ""},
        "wav",
        wav_bytes,
        PortalMedia,
        "media",
    ),
}


def multipart(fields, filename, content):
    """A multipart/form-data body whose file part carries `filename` exactly as given."""
    boundary = uuid4().hex
    parts = []
    for key, value in fields.items():
        disposition = f'Content-Disposition: form-data; name="{key}"'
        parts.append(f"--{boundary}\r\n{disposition}\r\n\r\n{value}\r\n".encode())
    quoted = filename.replace("\\", "\\\\").replace('"', '\\"')
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{quoted}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode("utf-8", "surrogatepass")
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def every_file():
    return {path.resolve() for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file()}


def test_a_sent_name_is_cleaned_to_one_safe_form():
    assert clean_upload_name("../../etc/passwd.jpg") == "passwd.jpg"
    assert clean_upload_name("/abs/path.pdf") == "path.pdf"
    assert clean_upload_name("a\x00.pdf") == "a.pdf"
    assert clean_upload_name("CON.pdf") == "con-tep.pdf"
    assert clean_upload_name(".htaccess") == "htaccess"
    assert clean_upload_name("invoice\u202efdp.exe") == "invoicefdp.exe"  # what it really is
    assert clean_upload_name("Nghị định 68-2023.PDF") == "nghi-dinh-68-2023.pdf"
    assert len(clean_upload_name("t" * 300 + ".pdf")) <= 64


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("case", HOSTILE_NAMES)
def test_a_hostile_name_never_chooses_where_the_file_lands(admin_client, kind, case):
    url, fields, extension, content, model, folder = KINDS[kind]
    collection = Collection.get_first_root_node()
    before = every_file()
    body, content_type = multipart(
        {**fields, "collection": collection.pk}, f"{HOSTILE_NAMES[case]}.{extension}", content()
    )
    response = admin_client.post(url(), body, content_type=content_type)
    assert response.status_code == 302, re.findall(r'error-message">([^<]*)', response.text)
    stored = model.objects.get()
    path = Path(stored.file.path).resolve()
    assert path.parent == (Path(settings.MEDIA_ROOT) / folder).resolve()
    assert SAFE_NAME.match(path.name), path.name
    assert path.suffix == f".{extension}"
    assert every_file() - before == {path}, "nothing is written anywhere else"


@pytest.mark.parametrize(
    "kind, name, message",
    [
        ("image", ".htaccess", "Định dạng ảnh không được hỗ trợ"),
        ("image", "anh\u202egpj.exe", "Định dạng ảnh không được hỗ trợ"),
        ("document", ".htaccess", "Không nhận tệp"),
        ("document", "hoa-don\u202efdp.exe", "Không nhận tệp .exe"),
        ("audio", "ban-tin\u202e3pm.exe", "Không nhận tệp .exe"),
    ],
)
def test_a_name_hiding_its_real_type_is_refused_and_nothing_is_stored(
    admin_client, kind, name, message
):
    url, fields, _extension, content, model, _folder = KINDS[kind]
    before = every_file()
    body, content_type = multipart(
        {**fields, "collection": Collection.get_first_root_node().pk}, name, content()
    )
    response = admin_client.post(url(), body, content_type=content_type)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not model.objects.exists()
    assert every_file() == before


@pytest.fixture
def private_document(db):
    """A document in a collection only logged-in users may open."""
    root = Collection.get_first_root_node()
    private = root.add_child(name="Hồ sơ nội bộ")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    return PortalDocument.objects.create(
        title="Tờ trình nội bộ",
        file=ContentFile(pdf_bytes(), name="to-trinh-noi-bo.pdf"),
        collection=private,
    )


def test_a_document_is_linked_through_the_serve_view_not_its_file(private_document):
    assert private_document.url.startswith("/documents/")
    assert not private_document.url.startswith(settings.MEDIA_URL)


def test_a_private_document_is_not_sent_to_an_anonymous_reader(client, private_document):
    response = client.get(private_document.url)
    assert response.status_code in (302, 403)
    assert b"%PDF" not in b"".join(getattr(response, "streaming_content", [response.content]))


@pytest.mark.parametrize(
    "prefix", ["documents/", "/documents/", "./documents/", "original_images/../documents/"]
)
def test_the_file_path_of_a_document_is_not_served_directly(client, private_document, prefix):
    """The file exists in the uploads folder, but its address there answers 404 whatever the
    spelling: only the serve view above, which checks privacy, sends documents."""
    name = Path(private_document.file.name).name
    assert (Path(settings.MEDIA_ROOT) / "documents" / name).exists()
    response = client.get(f"{settings.MEDIA_URL}{prefix}{name}")
    assert response.status_code == 404
    assert b"%PDF" not in response.content


def test_public_uploads_are_still_served(client, db):
    image = PortalImage.objects.create(
        title="Ảnh công khai",
        file=ContentFile(jpeg_bytes(), name="anh-cong-khai.jpg"),
        collection=Collection.get_first_root_node(),
    )
    response = client.get(image.file.url)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "path, private",
    [
        ("documents/a.pdf", True),
        ("//documents/a.pdf", True),
        ("x/../documents/a.pdf", True),
        ("documents\\a.pdf", True),
        ("original_images/a.jpg", False),
        ("images/documents.jpg", False),
    ],
)
def test_the_private_folder_is_recognised_however_it_is_spelled(path, private):
    assert is_private_upload(path) is private
