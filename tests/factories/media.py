from wagtail.models import Collection

import factory
import wagtail_factories

from media.models import PortalImage


class PortalImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Ảnh hội nghị số {n}")
    caption = "Quang cảnh hội nghị trực tuyến với các địa phương"
    credit = "VGP/Lê Thu Hà"
    description = "Các đại biểu ngồi quanh bàn họp lớn"
    # In the library's root collection, where editors' permissions apply (the default would be a
    # new root of its own).
    collection = factory.LazyFunction(Collection.get_first_root_node)
    # Large enough for a 1200 px social card, as a newsroom photo is.
    file = factory.django.ImageField(width=1200, height=675, color="teal", format="JPEG")

    class Meta:
        model = PortalImage


STOCK_IMAGE_TITLE = "Ảnh minh họa dùng chung"


def stock_image():
    """One lead photo shared by the stories a test makes: its sizes are made once per test, not
    once per story (AVIF encoding dominates listing tests otherwise). A test that needs a photo of
    its own passes `image=PortalImageFactory()`."""
    return PortalImage.objects.filter(title=STOCK_IMAGE_TITLE).first() or PortalImageFactory(
        title=STOCK_IMAGE_TITLE
    )
