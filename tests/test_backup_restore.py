"""The backup procedure of docs/deploy.md, run for real: deploy/backup.sh dumps the database and
copies the uploads, deploy/restore.sh puts them into a fresh database and an empty folder, and a
portal started on the restored copy serves the same pages as the original, pictures included."""

import os
import re
import shutil
import subprocess
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.utils import timezone

import pytest
import requests
from bs4 import BeautifulSoup

from tests.factories import (
    ArticlePageFactory,
    LegalDocumentIndexPageFactory,
    LegalDocumentPageFactory,
    PolicyIndexPageFactory,
    PolicyPageFactory,
    PortalImageFactory,
    SectionPageFactory,
    SubmissionFactory,
    milestone,
)
from tests.servers import ROOT, live_database_url, one_server_at_a_time, portal_server
from tests.skips import needs_tool, postgresql_pass

TOOLS = ("pg_dump", "pg_restore", "createdb", "dropdb", "psql", "rsync")

pytestmark = [
    postgresql_pass("backups are pg_dump/pg_restore of PostgreSQL"),
    *(needs_tool(tool, shutil.which(tool), "the backup scripts run it") for tool in TOOLS),
    one_server_at_a_time,
    # pg_dump sees only committed rows; the database is restored afterwards as migrations left it.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SERVER_SETTINGS = "tests.settings_shared_uploads"
COMMENT = "Đề nghị bổ sung quy định về thời hạn trả lời kiến nghị của người dân."


def run_script(name, *args, **env):
    done = subprocess.run(  # noqa: S603
        ["bash", str(ROOT / "deploy" / name), *map(str, args)],
        env={**os.environ, **{k: str(v) for k, v in env.items()}},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, f"{name} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def database_url_named(url, name):
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def postgres(url, *argv):
    """createdb / dropdb on the server of `url`, as its user."""
    parts = urlsplit(url)
    command = [*argv[:-1], "-h", parts.hostname, "-p", str(parts.port or 5432)]
    command += ["-U", parts.username or "postgres", argv[-1]]
    subprocess.run(command, check=True, capture_output=True, timeout=60)  # noqa: S603


def page_content(html):
    """What a reader sees of a page: its title, the text of its main part, the pictures and links
    in it. Whole bytes would differ by per-response details (a CSP nonce), not by content."""
    soup = BeautifulSoup(html, "html.parser")
    main = soup.find("main") or soup.body
    return {
        "title": soup.title.get_text(strip=True) if soup.title else "",
        "text": " ".join(main.get_text(" ").split()),
        "pictures": sorted(
            (img.get("src", ""), img.get("srcset", ""), img.get("alt", ""))
            for img in main.find_all(["img", "source"])
        ),
        "links": sorted(a.get("href", "") for a in main.find_all("a")),
    }


def feed_content(xml):
    """A feed without the time it was built."""
    return re.sub(rb"<lastBuildDate>[^<]*</lastBuildDate>", b"", xml)


def read_pages(base, paths):
    found = {}
    for name, path in paths.items():
        response = requests.get(base + path, timeout=30)
        assert response.status_code == 200, f"{name} {path}: HTTP {response.status_code}"
        found[name] = response
    return found


def uploads_in(html):
    """Addresses of uploaded pictures in a page (renditions under MEDIA_URL)."""
    soup = BeautifulSoup(html, "html.parser")
    main = soup.find("main") or soup.body
    found = set()
    for tag in main.find_all(["img", "source"]):
        candidates = [tag.get("src", "")] + [
            part.split()[0] for part in tag.get("srcset", "").split(",") if part.strip()
        ]
        found.update(c for c in candidates if c.startswith(settings.MEDIA_URL))
    return sorted(found)


def content(home_page):
    section = SectionPageFactory(parent=home_page, title="Thời sự", slug="thoi-su")
    photo = PortalImageFactory(
        title="Lễ khánh thành cầu vượt sông", credit="VGP/Nguyễn Hoàng Sơn", caption="Cây cầu mới"
    )
    article = ArticlePageFactory(
        parent=section,
        title="Khánh thành cầu vượt sông nối hai tỉnh miền Tây",
        slug="khanh-thanh-cau-vuot-song",
        image=photo,
    )
    document = LegalDocumentPageFactory(
        parent=LegalDocumentIndexPageFactory(parent=home_page),
        title="Nghị định về quản lý cầu đường bộ",
        slug="nghi-dinh-quan-ly-cau-duong-bo",
        number_symbol="77/2026/NĐ-CP",
    )
    policy = PolicyPageFactory(
        parent=PolicyIndexPageFactory(parent=home_page),
        title="Dự thảo Luật Tiếp công dân (sửa đổi)",
        slug="du-thao-luat-tiep-cong-dan",
    )
    today = timezone.localdate()
    milestone(policy, "lay-y-kien", today - timedelta(days=3), closes_on=today + timedelta(days=20))
    policy.save_revision().publish()
    SubmissionFactory(policy=policy, status="da-duyet", name="Lò Văn Tường", body=COMMENT)
    return {
        "home": "/",
        "article": article.url,
        "document": document.url,
        "policy": policy.url,
        "feed": "/feeds/latest.rss",
    }


def test_a_restored_backup_serves_the_same_pages_and_pictures(home_page):
    paths = content(home_page)
    original_url = live_database_url()
    restored_name = f"{settings.DATABASES['default']['NAME']}_restored"
    restored_url = database_url_named(original_url, restored_name)
    uploads = Path(settings.MEDIA_ROOT)

    with tempfile.TemporaryDirectory(prefix="portal-backup-test-") as scratch:
        scratch = Path(scratch)
        with portal_server(
            original_url, DJANGO_SETTINGS_MODULE=SERVER_SETTINGS, MEDIA_ROOT=str(uploads)
        ) as base:
            before = read_pages(base, paths)  # the article's picture sizes are made here
            pictures = uploads_in(before["article"].text)
            assert pictures, "the article shows no uploaded picture"
            picture_bytes = {url: requests.get(base + url, timeout=30) for url in pictures}
            assert all(r.status_code == 200 for r in picture_bytes.values())
        assert COMMENT in before["policy"].text
        assert "Khánh thành cầu vượt sông" in before["feed"].text

        backup = Path(
            run_script(
                "backup.sh", scratch / "backups", DATABASE_URL=original_url, MEDIA_ROOT=uploads
            ).strip()
        )
        assert (backup / "portal.dump").stat().st_size > 0
        restored_uploads = scratch / "restored-uploads"
        postgres(original_url, "dropdb", "--if-exists", "--force", restored_name)
        postgres(original_url, "createdb", restored_name)
        try:
            run_script(
                "restore.sh",
                backup,
                DATABASE_URL=restored_url,
                MEDIA_ROOT=str(restored_uploads),
                DJANGO_SETTINGS_MODULE=SERVER_SETTINGS,
                PYTHON=str(ROOT / ".venv" / "bin" / "python"),
            )
            with portal_server(
                restored_url,
                DJANGO_SETTINGS_MODULE=SERVER_SETTINGS,
                MEDIA_ROOT=str(restored_uploads),
            ) as base:
                after = read_pages(base, paths)
                restored_pictures = {
                    url: requests.get(base + url, timeout=30)
                    for url in uploads_in(after["article"].text)
                }
        finally:
            postgres(original_url, "dropdb", "--if-exists", "--force", restored_name)

    for name in ("home", "article", "document", "policy"):
        assert page_content(after[name].text) == page_content(before[name].text), name
    assert COMMENT in after["policy"].text
    assert feed_content(after["feed"].content) == feed_content(before["feed"].content)
    assert sorted(restored_pictures) == pictures
    for url, response in restored_pictures.items():
        assert response.status_code == 200, url
        assert response.content == picture_bytes[url].content, url


def test_restore_refuses_a_database_that_already_holds_data(home_page, tmp_path):
    """A restore never mixes a backup with live rows: pointed at the live database by mistake,
    it stops before touching anything."""
    url = live_database_url()
    backup = Path(run_script("backup.sh", tmp_path / "backups", DATABASE_URL=url).strip())
    done = subprocess.run(  # noqa: S603
        ["bash", str(ROOT / "deploy" / "restore.sh"), str(backup)],
        env={**os.environ, "DATABASE_URL": url, "MEDIA_ROOT": str(tmp_path / "uploads")},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode != 0
    assert "already has" in done.stderr
    assert not (tmp_path / "uploads").exists()


def test_a_second_backup_shares_the_unchanged_uploads_with_the_first(home_page, tmp_path):
    """Ten years of photos are not copied every night: a file already in the previous backup is
    a hard link to it, and each backup folder still holds every file."""
    photo = PortalImageFactory(title="Toàn cảnh phiên họp", credit="VGP/Trần Minh Đức")
    url, uploads = live_database_url(), Path(settings.MEDIA_ROOT)
    first = Path(run_script("backup.sh", tmp_path, DATABASE_URL=url, MEDIA_ROOT=uploads).strip())
    time.sleep(1.1)  # backup folders are named by the second
    second = Path(run_script("backup.sh", tmp_path, DATABASE_URL=url, MEDIA_ROOT=uploads).strip())
    name = photo.file.name
    assert (first / "uploads" / name).read_bytes() == (uploads / name).read_bytes()
    assert (second / "uploads" / name).stat().st_ino == (first / "uploads" / name).stat().st_ino
    assert (first / "portal.dump").stat().st_ino != (second / "portal.dump").stat().st_ino
