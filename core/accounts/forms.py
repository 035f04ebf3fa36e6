from django import forms


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Mã xác thực",
        min_length=6,
        max_length=6,
        help_text="Sáu chữ số hiện trong ứng dụng xác thực trên điện thoại của bạn.",
        error_messages={
            "required": "Vui lòng nhập mã xác thực.",
            "min_length": "Mã xác thực gồm đúng sáu chữ số.",
            "max_length": "Mã xác thực gồm đúng sáu chữ số.",
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code.isascii() or not code.isdigit():
            raise forms.ValidationError("Mã xác thực gồm đúng sáu chữ số.")
        return code
