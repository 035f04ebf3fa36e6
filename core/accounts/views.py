"""The two admin steps of two-factor authentication: set up an authenticator app (a QR code
drawn here as SVG, no outside service) and give a code after the password.

A wrong code counts against the device: django-otp's TOTP device doubles the wait after each
failure (1 s, 2 s, 4 s …), so guessing six digits is hopeless; the code is checked in a
transaction so that two guesses at once cannot both slip past the wait.
"""

from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views import View

import segno
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import CodeForm
from .two_factor import two_factor_required

DEVICE_NAME = "Ứng dụng xác thực"
WRONG_CODE = "Mã xác thực không đúng hoặc đã hết hạn. Vui lòng thử lại với mã mới."
TOO_FAST = "Bạn đã nhập sai nhiều lần. Vui lòng đợi vài giây rồi nhập mã mới."


def _next_url(request):
    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("wagtailadmin_home")


def _step(request, url_name):
    return redirect(reverse(url_name) + "?" + urlencode({"next": _next_url(request)}))


def _check(request, device, form):
    """Whether the form's code opens `device`; on failure the form says why."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            form.add_error("code", TOO_FAST)
            return None
        if not device.verify_token(form.cleaned_data["code"]):
            form.add_error("code", WRONG_CODE)
            return None
    return device


def _verified(request, device):
    # A new session key once the second factor is given, as Django does after the password.
    request.session.cycle_key()
    otp_login(request, device)
    return redirect(_next_url(request))


class SetupView(View):
    """A user with no confirmed device scans a fresh key and proves it with a first code."""

    template_name = "core/accounts/two_factor_setup.html"

    def dispatch(self, request, *args, **kwargs):
        if user_has_device(request.user, confirmed=True):
            if request.user.is_verified():
                messages.info(request, "Tài khoản của bạn đã bật xác thực hai bước.")
                return redirect(_next_url(request))
            # Never a second device on a password alone: that would undo the first.
            return _step(request, "portal_two_factor_verify")
        return super().dispatch(request, *args, **kwargs)

    def device(self):
        device = TOTPDevice.objects.filter(user=self.request.user, confirmed=False).first()
        return device or TOTPDevice.objects.create(
            user=self.request.user, name=DEVICE_NAME, confirmed=False
        )

    def render(self, form, device):
        secret = device.config_url.split("secret=")[1].split("&")[0]
        return TemplateResponse(
            self.request,
            self.template_name,
            {
                "form": form,
                "next": _next_url(self.request),
                "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=4),
                "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
                "required": two_factor_required(self.request.user),
            },
        )

    def get(self, request):
        return self.render(CodeForm(), self.device())

    def post(self, request):
        device, form = self.device(), CodeForm(request.POST)
        if form.is_valid() and (checked := _check(request, device, form)):
            checked.confirmed = True
            checked.save(update_fields=["confirmed"])
            messages.success(request, "Đã bật xác thực hai bước cho tài khoản của bạn.")
            return _verified(request, checked)
        return self.render(form, device)


class VerifyView(View):
    """After the password, a user with a device gives the code it shows."""

    template_name = "core/accounts/two_factor_verify.html"

    def dispatch(self, request, *args, **kwargs):
        if not user_has_device(request.user, confirmed=True):
            return _step(request, "portal_two_factor_setup")
        return super().dispatch(request, *args, **kwargs)

    def render(self, form):
        return TemplateResponse(
            self.request, self.template_name, {"form": form, "next": _next_url(self.request)}
        )

    def get(self, request):
        if request.user.is_verified():
            return redirect(_next_url(request))
        return self.render(CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        if form.is_valid():
            for device in TOTPDevice.objects.devices_for_user(request.user, confirmed=True):
                if checked := _check(request, device, form):
                    return _verified(request, checked)
        return self.render(form)
