from django.conf import settings

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from media.models import PortalDocument, PortalImage
from tests.factories import PortalImageFactory


def test_wagtail_uses_the_portals_own_image_and_document_models():
    assert get_image_model() is PortalImage
    assert get_document_model() is PortalDocument


def test_uploaded_images_land_in_the_uploads_folder_and_are_served_at_uploads(client, db):
    image = PortalImageFactory()
    assert image.file.path.startswith(str(settings.MEDIA_ROOT))
    assert image.file.url.startswith("/uploads/")
    assert "/media/" not in image.file.url
    rendition = image.get_rendition("width-320")
    assert rendition.url.startswith("/uploads/")
    assert client.get(rendition.url).status_code == 200


def test_an_image_carries_caption_credit_and_alt_text(db):
    image = PortalImage(title="Ảnh", caption="Lễ khánh thành cầu", credit="TTXVN/Phạm Hậu")
    assert image.credit_line == "Ảnh: TTXVN/Phạm Hậu"
    assert image.default_alt_text == "Lễ khánh thành cầu"  # falls back to the caption
    image.description = "Cây cầu dây văng nhìn từ trên cao"
    assert image.default_alt_text == "Cây cầu dây văng nhìn từ trên cao"
