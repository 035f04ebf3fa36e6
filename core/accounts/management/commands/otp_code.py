"""The code a user's authenticator app shows now, for whoever holds the server's shell.

`make run`'s admin must set up two-factor authentication at the first login; without a phone at
hand, this prints the code the setup page (or the code page) asks for. It gives no power the
shell does not already have (`manage.py shell` can remove a device), and it reads the same key
the app was given, so it works only for a device that exists.
"""

from django.core.management.base import BaseCommand, CommandError

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "In mã xác thực hai bước hiện tại của một tài khoản (thay cho ứng dụng trên điện thoại)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        # The device being set up (unconfirmed) if there is one, else the one in use.
        device = (
            TOTPDevice.objects.filter(user__username=username).order_by("confirmed", "-pk").first()
        )
        if device is None:
            raise CommandError(
                f"Tài khoản “{username}” chưa có thiết bị xác thực: hãy đăng nhập trang quản trị "
                "trước, trang thiết lập sẽ tạo khóa."
            )
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")
