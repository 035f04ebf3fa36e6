import factory
import wagtail_factories

from media.models import PortalImage


class PortalImageFactory(wagtail_factories.ImageFactory):
    title = factory.Sequence(lambda n: f"Ảnh hội nghị số {n}")
    caption = "Quang cảnh hội nghị trực tuyến với các địa phương"
    credit = "VGP/Lê Thu Hà"
    description = "Các đại biểu ngồi quanh bàn họp lớn"

    class Meta:
        model = PortalImage
