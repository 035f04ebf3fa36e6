from django.urls import path, reverse

from wagtail import hooks

from . import views


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("xac-thuc/thiet-lap/", views.SetupView.as_view(), name="portal_two_factor_setup"),
        path("xac-thuc/ma/", views.VerifyView.as_view(), name="portal_two_factor_verify"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    """Reporters and editors may opt in from their account page; once set up, it holds."""
    return {
        "url": reverse("portal_two_factor_setup"),
        "label": "Xác thực hai bước",
        "help_text": "Bảo vệ tài khoản bằng mã sáu chữ số từ ứng dụng trên điện thoại.",
    }
