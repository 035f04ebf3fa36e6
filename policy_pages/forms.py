"""The public's form on a policy page: a comment on the draft, a question or a proposal."""

from django import forms
from django.utils.choices import flatten_choices
from django.utils.translation import gettext_lazy as _

from core.privacy import is_public
from core.templatetags.vn_format import vn_number

from .choices import Capacity, SubmissionKind
from .models.participation import COMMENT, PROPOSAL, QUESTION
from .submissions import clean_text, issue_token
from .unit_choices import current_units, published_unit, unit_choices
from .unit_labels import unit_with_version

BODY_MAX_LENGTH = 5000
QUOTE_MAX_LENGTH = 1000
NOT_THIS_DRAFT = _(
    "Điều, khoản bạn chọn không thuộc dự thảo đã công bố của chính sách này, nên góp ý chưa "
    "được lưu. Vui lòng chọn lại trong danh sách, hoặc chọn “Toàn bộ dự thảo”."
)


class CleanTextField(forms.CharField):
    """Text in NFC without control or invisible characters, cleaned before any validator runs
    (Django would otherwise refuse a stray NUL instead of dropping it)."""

    def __init__(self, *args, multiline=False, **kwargs):
        self.multiline = multiline
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        return clean_text(super().to_python(value), multiline=self.multiline)


class UnitField(forms.ChoiceField):
    """The unit as sent. Any value passes the choice check: the form checks it against the
    database (`clean_unit`), since a unit of an earlier published version, reached from its
    link, is as valid as one of the current draft listed here."""

    def valid_value(self, value):
        return True


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
    unit = UnitField(
        label=_("Điều, khoản góp ý"),
        required=False,
        help_text=_("Chỉ dùng cho góp ý dự thảo. Không chọn: góp ý chung cho toàn bộ dự thảo."),
    )
    quote = CleanTextField(
        multiline=True,
        label=_("Đoạn trích dẫn (nếu có)"),
        required=False,
        help_text=_("Chép đoạn của dự thảo mà bạn góp ý, tối đa 1.000 ký tự."),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": QUOTE_MAX_LENGTH}),
    )
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
    notify_outcome = forms.BooleanField(
        label=_("Báo cho tôi khi ý kiến được trả lời"),
        required=False,
        help_text=_(
            "Khi cơ quan chủ trì trả lời, chúng tôi gửi thư cho bạn: kết quả tiếp thu, lời giải "
            "trình và phần dự thảo đã sửa (nếu có)."
        ),
    )
    # The honeypot: hidden from people (and from screen readers), filled in by robots.
    website = forms.CharField(label=_("Để trống ô này"), required=False)
    token = forms.CharField(widget=forms.HiddenInput, required=False)
    tokens_inline = False

    @property
    def token_key(self):
        """What the form's time token is made for (submissions.issue_token)."""
        return self.policy.pk

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
        if consultation_open:
            # The current draft's units; the field stays when there are none, so that a unit
            # sent anyway is refused rather than dropped.
            self.fields["unit"].choices = [
                ("", _("Toàn bộ dự thảo (không chọn điều, khoản cụ thể)")),
                *unit_choices(current_units(policy)),
            ]
            self.fields["unit"].widget.attrs["aria-describedby"] = "id_unit-help"
        else:
            del self.fields["unit"]
            del self.fields["quote"]
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        self.fields["notify_outcome"].widget.attrs["aria-describedby"] = "id_notify_outcome-help"
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

    @property
    def offers_units(self):
        """True when there is a unit to pick: the draft has a published version."""
        return "unit" in self.fields and len(self.fields["unit"].choices) > 1

    def offer_unit(self, unit):
        """Lists `unit` if it is not listed (a unit of an earlier version, from its link)."""
        choices = self.fields["unit"].choices
        if unit.pk not in {value for value, _label in flatten_choices(choices)}:
            self.fields["unit"].choices = [*choices, (unit.pk, unit_with_version(unit))]

    def choose_unit(self, value):
        """Preselects the unit `value` names; False when it is no published unit of the policy."""
        unit = published_unit(self.policy, value) if "unit" in self.fields else None
        if unit is None:
            return False
        self.offer_unit(unit)
        self.initial["unit"] = unit.pk
        return True

    def clean_unit(self):
        value = self.cleaned_data.get("unit")
        if not value:
            return None
        unit = published_unit(self.policy, value)
        if unit is None:
            raise forms.ValidationError(NOT_THIS_DRAFT)
        self.offer_unit(unit)
        return unit

    def clean_quote(self):
        quote = self.cleaned_data["quote"]
        if len(quote) > QUOTE_MAX_LENGTH:
            raise forms.ValidationError(
                _("Đoạn trích dẫn tối đa %(max)s ký tự; bạn đã nhập %(count)s ký tự.")
                % {"max": vn_number(QUOTE_MAX_LENGTH), "count": vn_number(len(quote))}
            )
        return quote

    def clean_body(self):
        body = self.cleaned_data["body"]
        if len(body) > BODY_MAX_LENGTH:
            raise forms.ValidationError(
                _("Nội dung tối đa %(max)s ký tự; bạn đã nhập %(count)s ký tự.")
                % {"max": vn_number(BODY_MAX_LENGTH), "count": vn_number(len(body))}
            )
        return body

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("kind") != COMMENT:
            cleaned_data["unit"], cleaned_data["quote"] = None, ""
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
    data["token"] = issue_token(form.token_key)
    form.data = data
    form.tokens_inline = True
    return form


def without_consent(data):
    data = data.copy()
    data.pop("consent", None)
    return data


class DialogueQuestionForm(SubmissionForm):
    """A question to an online dialogue: the question form of its policy, without the choice of
    kind, its time token made for the dialogue."""

    def __init__(self, *args, dialogue, **kwargs):
        super().__init__(*args, policy=dialogue.policy, consultation_open=False, **kwargs)
        self.dialogue = dialogue
        del self.fields["kind"]
        self.fields["capacity"].label = _("Bạn hỏi với tư cách")
        self.fields["body"].label = _("Câu hỏi của bạn")
        self.fields["body"].error_messages["required"] = _("Vui lòng nhập câu hỏi.")
        self.fields["notify_outcome"].label = _("Báo cho tôi khi câu hỏi được trả lời")
        self.fields["notify_outcome"].help_text = _(
            "Khi khách mời trả lời câu hỏi của bạn, chúng tôi gửi câu trả lời vào thư điện tử "
            "của bạn, một lần."
        )

    @property
    def token_key(self):
        return dialogue_token_key(self.dialogue.pk)

    def clean(self):
        cleaned_data = super().clean()
        cleaned_data.update(kind=QUESTION, dialogue=self.dialogue)
        return cleaned_data


def dialogue_token_key(dialogue_id):
    return f"giao-luu-{dialogue_id}"


def dialogue_form(dialogue, data=None):
    """The question form of a dialogue taking questions now, live and public; else None."""
    if not dialogue.pk or not dialogue.live or not is_public(dialogue):
        return None
    if not dialogue.takes_questions or not dialogue.policy.live:
        return None
    return DialogueQuestionForm(data, dialogue=dialogue)
