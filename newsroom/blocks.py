from wagtail import blocks

from core.blocks import HeadingBlock, ImageBlock, ParagraphBlock


class ArticleBodyBlock(blocks.StreamBlock):
    """The body of an article: text, sub-headings and photos."""

    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    image = ImageBlock()
