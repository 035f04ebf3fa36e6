"""StreamField blocks every desk shares. Desk-specific blocks live in <desk>/blocks.py."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from .choices import HeadingLevel, ImageDisplay
from .prefetch import PortalImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "superscript"]


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Đoạn văn")
        template = "components/streamfield/blocks/paragraph_block.html"
        preview_value = (
            "<p>Chính phủ ban hành nghị định mới về chuyển đổi số trong cơ quan nhà nước.</p>"
        )
        description = _("Văn bản có định dạng: đậm, nghiêng, liên kết, danh sách.")


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("tiêu đề"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("cấp"),
        choices=HeadingLevel.choices,
        default=HeadingLevel.SECTION,
    )

    class Meta:
        icon = "title"
        label = _("Tiêu đề phụ")
        template = "components/streamfield/blocks/heading_block.html"
        preview_value = {"text": "Những điểm mới của nghị định", "level": "h2"}
        description = _("Tiêu đề chia bài thành các phần.")


class ImageBlock(blocks.StructBlock):
    """A photo in the body: the credit always comes from the image, the caption may differ."""

    image = PortalImageChooserBlock(label=_("ảnh"))
    caption = blocks.CharBlock(
        label=_("chú thích"),
        required=False,
        help_text=_("Để trống sẽ dùng chú thích lưu cùng ảnh."),
    )
    display = blocks.ChoiceBlock(
        label=_("khổ ảnh"),
        choices=ImageDisplay.choices,
        default=ImageDisplay.COLUMN,
        required=False,
        help_text=_("Khổ rộng và tràn màn hình dùng cho bài long-form (E-magazine)."),
    )

    class Meta:
        icon = "image"
        label = _("Ảnh")
        template = "components/streamfield/blocks/image_block.html"
        description = _("Ảnh kèm chú thích và nguồn ảnh.")
