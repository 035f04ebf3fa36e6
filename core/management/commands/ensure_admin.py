import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Make sure an admin account exists; a new one gets a random password kept in var/."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("ADMIN_USERNAME", "admin"))
        parser.add_argument(
            "--password-file",
            default=str(settings.VAR_DIR / "admin-password.txt"),
            help="Where a new account's password is written (readable by its owner only).",
        )

    def handle(self, *args, username, password_file, **options):
        User = get_user_model()
        password_path = Path(password_file)
        if User.objects.filter(username=username).exists():
            where = (
                f"mật khẩu trong {password_path}"
                if password_path.exists()
                else "mật khẩu giữ nguyên như đã đặt"
            )
            self.stdout.write(f"Tài khoản quản trị: {username} ({where})")
            return
        password = secrets.token_urlsafe(18)
        User.objects.create_superuser(username=username, email="", password=password)
        password_path.parent.mkdir(parents=True, exist_ok=True)
        password_path.write_text(password + "\n", encoding="utf-8")
        password_path.chmod(0o600)
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã tạo tài khoản quản trị: {username} (mật khẩu trong {password_path})"
            )
        )
