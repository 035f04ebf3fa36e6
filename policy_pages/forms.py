"""The public's form on a policy page: a comment on the draft, a question or a proposal."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.privacy import is_public

from .choices import Capacity, SubmissionKind
from .models.participation import COMMENT, PROPOSAL, QUESTION
from .submissions import clean_text, issue_token

BODY_MAX_LENGTH = 5000


class CleanTextField(forms.CharField):
    """Text in NFC without control or invisible characters, cleaned before any validator runs
    (Django would otherwise refuse a stray NUL instead of dropping it)."""

    def __init__(self, *args, multiline=False, **kwargs):
        self.multiline = multiline
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return clean_text(super().to_python(value), multiline=self.multiline)


class SubmissionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Bạn muốn gửi"), widget=forms.RadioSelect)
    name = CleanTextField(
        label=_("Họ và tên"),
        max_length=120,
        error_messages={"required": _("Vui lòng nhập họ và tên.")},
    )
    email = forms.EmailField(
        label=_("Thư điện tử"),
        max_length=254,
        help_text=_("Để gửi biên nhận cho bạn; không bao giờ được công khai."),
        error_messages={
            "invalid": _("Địa chỉ thư điện tử chưa đúng, ví dụ: ten@example.vn."),
            "required": _("Vui lòng nhập thư điện tử để nhận biên nhận."),
        },
    )
    organisation = CleanTextField(
        label=_("Cơ quan, tổ chức (nếu có)"), max_length=200, required=False
    )
    capacity = forms.ChoiceField(
        label=_("Bạn góp ý với tư cách"),
        choices=Capacity.choices,
        initial=Capacity.PERSON,
        widget=forms.RadioSelect,
    )
    part = forms.ChoiceField(label=_("Phần của dự thảo (nếu có)"), required=False)
    body = CleanTextField(
        multiline=True,
        label=_("Nội dung"),
        error_messages={"required": _("Vui lòng nhập nội dung.")},
        widget=forms.Textarea(attrs={"rows": 8, "maxlength": BODY_MAX_LENGTH}),
        help_text=_("Văn bản thuần, tối đa 5.000 ký tự; đường dẫn sẽ không bấm được."),
    )
    consent = forms.BooleanField(
        label=_("Tôi đồng ý để cơ quan chủ trì xử lý họ tên, thư điện tử và nội dung tôi gửi"),
        error_messages={"required": _("Cần bạn đồng ý xử lý dữ liệu cá nhân để gửi ý kiến.")},
    )
    # The honeypot: hidden from people (and from screen readers), filled in by robots.
    website = forms.CharField(label=_("Để trống ô này"), required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)
    tokens_inline = False

    def __init__(self, *args, policy, consultation_open, **kwargs):
        super().__init__(*args, **kwargs)
        self.policy = policy
        self.consultation_open = consultation_open
        # Every kind is a valid choice, so a comment sent outside the consultation gets its own
        # message below; only the kinds open now are offered.
        self.fields["kind"].choices = SubmissionKind.choices
        kinds = [COMMENT, QUESTION, PROPOSAL] if consultation_open else [QUESTION, PROPOSAL]
        self.fields["kind"].widget.choices = [(kind, kind.label) for kind in kinds]
        self.fields["kind"].initial = kinds[0]
        parts = policy.part_labels if consultation_open else []
        self.fields["part"].choices = [("", _("Chung cho cả dự thảo"))] + [(p, p) for p in parts]
        if not parts:
            del self.fields["part"]
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    def clean_kind(self):
        kind = self.cleaned_data["kind"]
        if kind == COMMENT and not self.consultation_open:
            raise forms.ValidationError(
                _(
                    "Chính sách này hiện không lấy ý kiến về dự thảo, nên góp ý chưa được lưu. "
                    "Bạn vẫn có thể gửi câu hỏi hoặc kiến nghị."
                )
            )
        return kind

    def clean_body(self):
        body = self.cleaned_data["body"]
        if len(body) > BODY_MAX_LENGTH:
            raise forms.ValidationError(
                _("Nội dung tối đa %(max)s ký tự; bạn đã nhập %(count)s ký tự.")
                % {"max": "5.000", "count": f"{len(body):,}".replace(",", ".")}
            )
        return body

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("kind") != COMMENT:
            cleaned_data["part"] = ""
        return cleaned_data

    @property
    def robot(self):
        """True when the honeypot is filled."""
        return bool(self.data.get("website"))


def form_for_page(policy, data=None):
    """The form the page shows, with a comment choice only while the consultation is open.
    It carries no token: the page is cached for every reader, so the form's script fetches
    them (views.form_tokens). None on a policy that is not live (a preview has nowhere to send)
    or not public (the form's target accepts public policies only)."""
    if not policy.pk or not policy.live or not is_public(policy):
        return None
    consultation = policy.consultation
    is_open = bool(consultation and consultation.state == "open")
    return SubmissionForm(data, policy=policy, consultation_open=is_open)


def fresh_token(form):
    """A re-shown form, from an uncached answer to one reader, carries its tokens in the page
    (a new time token, and the CSRF token), so the reader can send again once it is fixed."""
    data = form.data.copy()
    data["token"] = issue_token(form.policy.pk)
    form.data = data
    form.tokens_inline = True
    return form


def without_consent(data):
    data = data.copy()
    data.pop("consent", None)
    return data
