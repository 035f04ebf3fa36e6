"""The authors' admin: the snippet's listing, and a chooser that can add a missing author from the
article's byline, without leaving the article (registered in wagtail_hooks.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Author


class NewAuthorForm(forms.ModelForm):
    """What the chooser asks of a new author; the photo and biography wait for the author's page
    in the snippets, so the byline is not held up by them."""

    class Meta:
        model = Author
        fields = ["name", "pen_name", "slug"]
        error_messages = {
            "name": {"required": _("Hãy nhập họ và tên tác giả.")},
            "slug": {
                "unique": _(
                    "Đường dẫn này đã thuộc về một tác giả khác: hãy sửa lại, hoặc để trống để "
                    "tạo từ tên."
                ),
            },
        }


class AuthorChooserViewSet(SnippetChooserViewSet):
    # Wagtail's chooser shows its "create" tab when the viewset has a creation form.
    creation_form_class = NewAuthorForm
    creation_tab_label = _("Thêm tác giả mới")
    create_action_label = _("Thêm và chọn tác giả")
    create_action_clicked_label = _("Đang thêm…")


class AuthorViewSet(SnippetViewSet):
    model = Author
    chooser_viewset_class = AuthorChooserViewSet
