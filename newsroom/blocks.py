"""The article body's blocks. Shared ones (paragraph, heading, image) come from core.blocks."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock

from core.blocks import HeadingBlock, ImageBlock, ParagraphBlock
from core.prefetch import PortalDocumentChooserBlock, PortalPageChooserBlock
from core.privacy import visible


class PullQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("trích dẫn"), max_length=600)
    attribution = blocks.CharBlock(label=_("người nói"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn nổi bật")
        template = "components/streamfield/blocks/pull_quote_block.html"
        preview_value = {
            "quote": "Lấy người dân, doanh nghiệp làm trung tâm của chuyển đổi số.",
            "attribution": "Bộ trưởng Bộ Khoa học và Công nghệ",
        }
        description = _("Một câu nói đáng chú ý, in lớn giữa bài.")


class DataTableBlock(TableBlock):
    class Meta:
        icon = "table"
        label = _("Bảng số liệu")
        template = "components/streamfield/blocks/data_table_block.html"
        description = _("Bảng có hàng tiêu đề và chú thích bảng.")


class DocumentBlock(blocks.StructBlock):
    document = PortalDocumentChooserBlock(label=_("tài liệu"))
    title = blocks.CharBlock(
        label=_("tên hiển thị"), required=False, help_text=_("Để trống sẽ dùng tên tài liệu.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Tài liệu đính kèm")
        template = "components/streamfield/blocks/document_block.html"
        description = _("Liên kết tải tệp PDF, Word, Excel kèm loại và dung lượng tệp.")


class RelatedLinkBlock(blocks.StructBlock):
    """A "xem thêm" link to a page of the portal or to another site: one or the other."""

    page = PortalPageChooserBlock(label=_("trang trên cổng"), required=False)
    url = blocks.URLBlock(label=_("hoặc địa chỉ ngoài"), required=False)
    title = blocks.CharBlock(
        label=_("tiêu đề"), required=False, help_text=_("Bắt buộc với địa chỉ ngoài.")
    )

    class Meta:
        icon = "link"
        label = _("Tin liên quan")
        template = "components/streamfield/blocks/related_link_block.html"
        description = _("Liên kết “Xem thêm” đến một bài khác.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        # A story readers cannot see yet (a draft, embargoed, restricted) gives no link and no
        # title, on the page as in feeds and the API: the block shows once the story does.
        context["visible_page"] = visible(value["page"])
        return context

    def clean(self, value):
        value = super().clean(value)
        if self.is_deferred_validation:
            # A draft (autosave, "Lưu bản nháp") may hold a link not yet filled in, as Wagtail's
            # own image block allows a missing alt text; publishing checks it.
            return value
        errors = {}
        if bool(value["page"]) == bool(value["url"]):
            message = _("Chọn một trang trên cổng hoặc nhập một địa chỉ ngoài (chỉ một trong hai).")
            errors["page"] = ValidationError(message)
        elif value["url"] and not value["title"]:
            errors["title"] = ValidationError(_("Nhập tiêu đề cho liên kết ngoài."))
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class ArticleBodyBlock(blocks.StreamBlock):
    """The body of an article. Photos are numbered in order of appearance when shown."""

    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    image = ImageBlock()
    pull_quote = PullQuoteBlock()
    table = DataTableBlock()
    document = DocumentBlock()
    related_link = RelatedLinkBlock()


class LiveVideoBlock(blocks.StructBlock):
    """A short video of the multimedia desk in a live update: its player with captions and a
    link to its transcript. Chosen by name: the newsroom does not import the media desk."""

    video = PortalPageChooserBlock(label=_("video"), page_type="media.VideoPage")

    class Meta:
        icon = "media"
        label = _("Video ngắn")
        template = "components/streamfield/blocks/live_video_block.html"
        description = _("Video của ban Đa phương tiện, kèm phụ đề và bản ghi lời.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["visible_video"] = visible(value["video"])
        return context


class LegalDocumentCardBlock(blocks.StructBlock):
    """A legal document in a live update, as a card: number and symbol, title, status, link.
    Chosen by name: the newsroom does not import the policy desk."""

    document = PortalPageChooserBlock(
        label=_("văn bản"), page_type="policy_pages.LegalDocumentPage"
    )

    class Meta:
        icon = "doc-full-inverse"
        label = _("Văn bản pháp luật")
        template = "components/streamfield/blocks/legal_document_card_block.html"
        description = _("Thẻ văn bản: số, ký hiệu, trích yếu, hiệu lực và liên kết.")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["visible_document"] = visible(value["document"])
        return context
