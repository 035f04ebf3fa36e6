from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Frequency


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Thư điện tử"),
        max_length=254,
        error_messages={
            "invalid": _("Địa chỉ thư điện tử chưa đúng, ví dụ: ten@example.vn."),
            "required": _("Vui lòng nhập thư điện tử để nhận thư báo tin."),
        },
    )
    frequency = forms.ChoiceField(
        label=_("Nhận thư"),
        choices=Frequency.choices,
        initial=Frequency.IMMEDIATE,
        error_messages={"invalid_choice": _("Vui lòng chọn một tần suất nhận thư.")},
    )
    # The honeypot, as on the comment form: hidden from people, filled in by robots.
    website = forms.CharField(required=False)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(choices=Frequency.choices)


class EmailOnlyForm(forms.Form):
    email = SubscribeForm.base_fields["email"]
