"""One rule for a photo's alt text, said once: in the field's help text and, when it is broken,
in the warning under the field.

Pages, feeds and the API describe a picture by its alt text, else its caption, else its title
(`PortalImage.default_alt_text`). So the alt may stay empty when the caption says what the
picture shows; the editor is warned only when both are empty.
"""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

ALT_TEXT_HELP = _(
    "Mô tả ngắn nội dung ảnh cho người khiếm thị. Có thể để trống khi chú thích đã mô tả ảnh: "
    "cổng dùng chú thích thay cho văn bản thay thế."
)
ALT_TEXT_MISSING = _(
    "Ảnh chưa có văn bản thay thế lẫn chú thích: hãy nhập một trong hai để người khiếm thị "
    "biết ảnh có gì."
)


class AltTextInput(forms.TextInput):
    """The alt text's input, with the warning under it when the photo has neither alt nor
    caption (set by the form, which knows both). Rendered here rather than from a template:
    Django's form renderer reads only its own widget templates."""

    missing = False

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if not self.missing:
            return html
        return format_html(
            '{}<div class="help-block help-warning" data-alt-text-missing>'
            '<svg class="icon icon-warning" aria-hidden="true"><use href="#icon-warning"></use>'
            "</svg><p>{}</p></div>",
            html,
            ALT_TEXT_MISSING,
        )


def describes_nothing(form):
    """Whether the photo in `form` has neither alt text nor caption (as posted, or as stored)."""
    if form.is_bound:
        alt, caption = (
            form.data.get(form.add_prefix("description"), ""),
            form.data.get(form.add_prefix("caption"), ""),
        )
    else:
        alt, caption = form.instance.description, form.instance.caption
    return not (alt or "").strip() and not (caption or "").strip()
