"""How long entering a real article through the admin takes, scripted (issue 18): a 30-paragraph
story with title, sapo, dateline, topic, an author and four photos uploaded from the image
chooser with their captions and credits, placed in the body, then published.

`enter_article(page, base_url, section_id)` is the flow, driving the real admin in chromium with
Vietnamese labels and roles where the admin has them. It counts every action an editor makes:
each click (choosing a file in the browser's dialog is two: open it, pick the file), each key
pressed on its own (Enter), and each text typed or pasted into a field or the body (one each:
the copy arrives from the reporter's document, as in the newsroom), and the wall seconds from
the section's page list to the published story.

`tests/browser/test_editor_entry.py` runs it and checks the published page. Alone, as
`.venv/bin/python -m bench.editor_entry` (`make bench-editor`), it builds a scratch SQLite
database in var/bench/editor-entry/, serves it with `manage.py runserver` on a free port (stopped
by its PID), logs an editor-in-chief in (outside the count) and prints "clicks: N, seconds: S".
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import editor_story as story

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-sync"]


@dataclass
class Tally:
    """The editor's actions, by kind."""

    clicks: int = 0
    keys: int = 0
    texts: int = 0
    steps: list = field(default_factory=list)  # (what, seconds since the start when done)
    started: float = field(default_factory=time.monotonic)

    @property
    def actions(self):
        return self.clicks + self.keys + self.texts

    def done(self, what):
        self.steps.append((what, round(time.monotonic() - self.started, 1)))

    def click(self, locator, what, clicks=1):
        locator.click()
        self.clicks += clicks
        self.done(what)

    def press(self, locator, key, what):
        locator.press(key)
        self.keys += 1
        self.done(what)

    def fill(self, locator, text, what):
        locator.fill(text)
        self.texts += 1
        self.done(what)


@dataclass
class Result:
    tally: Tally
    seconds: float
    page_id: int


def photo_files(folder):
    """The four photos as JPEG files, each of its own colour (so no two are duplicates)."""
    from PIL import Image

    paths = []
    for name, colour, _caption, _credit in story.PHOTOS:
        path = Path(folder) / name
        Image.new("RGB", (1200, 800), colour).save(path, "JPEG", quality=85)
        paths.append(path)
    return paths


def paste_paragraphs(editor, paragraphs):
    """Paste paragraphs into a rich-text block as a word processor's copy would arrive."""
    html = "".join(f"<p>{text}</p>" for text in paragraphs)
    editor.evaluate(
        """(element, [html, text]) => {
            const data = new DataTransfer();
            data.setData('text/html', html);
            data.setData('text/plain', text);
            element.dispatchEvent(new ClipboardEvent('paste', {
                clipboardData: data, bubbles: true, cancelable: true,
            }));
        }""",
        [html, "\n\n".join(paragraphs)],
    )


def enter_article(page, base_url, section_id, photo_paths):
    """Enter and publish the story as the logged-in editor; returns a Result."""
    from playwright.sync_api import expect

    body = page.locator('[data-contentpath="body"]')
    page.goto(f"{base_url}/admin/pages/{section_id}/")
    page.wait_for_load_state("networkidle")
    tally = Tally()

    tally.click(page.get_by_role("link", name="Thêm trang con").first, "add a child page")
    tally.click(page.get_by_role("link", name="Bài viết", exact=True), "choose Bài viết")
    page.wait_for_load_state("networkidle")
    tally.fill(page.locator("#id_title"), story.TITLE, "title")
    tally.fill(page.locator("#id_dateline"), story.DATELINE, "dateline")
    tally.fill(page.locator("#id_sapo"), story.SAPO, "sapo")

    blocks_of_paragraphs = []
    start = 0
    for count in story.PARAGRAPHS_BEFORE_PHOTO:
        blocks_of_paragraphs.append(story.PARAGRAPHS[start : start + count])
        start += count
    tail = story.PARAGRAPHS[start:]

    def add_block(name):
        tally.click(body.locator(".c-sf-add-button").last, f"insert a block ({name})")
        tally.click(page.get_by_role("option", name=name, exact=True), f"choose {name}")

    def add_paragraphs(paragraphs):
        add_block("Đoạn văn")
        editor = body.locator("[contenteditable=true]").last
        # Wagtail puts the cursor in a block it has just inserted: the editor pastes at once.
        expect(editor).to_be_focused()
        paste_paragraphs(editor, paragraphs)
        tally.texts += 1
        tally.done(f"paste {len(paragraphs)} paragraphs")

    for paragraphs, path, (_name, _colour, caption, credit) in zip(
        blocks_of_paragraphs, photo_paths, story.PHOTOS, strict=True
    ):
        add_paragraphs(paragraphs)
        add_block("Ảnh")
        block = body.locator("[data-streamfield-child]").last
        tally.click(block.locator("[data-chooser-action-choose]").first, "choose a photo")
        modal = page.locator(".modal")
        tally.click(modal.get_by_role("tab", name="Tải lên"), "the upload tab")
        upload = modal.locator("form.image-upload, form[enctype]").first
        upload.locator("input[type=file]").set_input_files(path)
        tally.clicks += 2  # the file dialog: open it, pick the file
        tally.done("pick the file")
        # Wagtail fills the title from the file's name a moment after the file is picked (its
        # sync is debounced); an editor sees it there before pressing "Tải lên".
        expect(upload.locator("input[name$=title]").first).not_to_have_value("")
        tally.fill(upload.get_by_label("Chú thích", exact=False).first, caption, "caption")
        tally.fill(upload.get_by_label("Nguồn ảnh", exact=False).first, credit, "credit")
        tally.click(upload.locator("button[type=submit]").first, "upload")
        wait_for_upload(modal)
        tally.done("photo chosen")
    if tail:
        add_paragraphs(tail)

    tally.click(page.locator("#id_article_authors-ADD"), "add an author")
    tally.click(
        page.locator('[id^="inline_child_article_authors"] [data-chooser-action-choose]').last,
        "choose the author",
    )
    modal = page.locator(".modal")
    tally.click(modal.get_by_role("link", name=story.AUTHOR).first, "pick the author")
    modal.wait_for(state="hidden")

    topics = page.locator('[data-contentpath="topics"] input:visible').first
    tally.fill(topics, story.TOPIC, "topic")
    tally.press(topics, "Enter", "confirm the topic")

    # The body reaches the form's hidden field a moment after the last paste.
    last_words = story.PARAGRAPHS[-1].split(";")[0]
    expect(body.locator("input[name$='-value']").last).to_have_value(
        re.compile(re.escape(last_words[:20]))
    )
    wait_for_autosave(page)
    publish = page.locator('button[name="action-publish"]')
    if not publish.is_visible():
        toggle = page.locator('footer .w-dropdown-button [data-w-dropdown-target="toggle"]')
        tally.click(toggle.first, "open the actions menu")
    with page.expect_navigation():
        tally.click(publish, "Xuất bản")
    page.wait_for_load_state("networkidle")
    tally.done("published")
    seconds = time.monotonic() - tally.started

    from newsroom.models import ArticlePage

    page_id = ArticlePage.objects.get(title=story.TITLE).pk
    return Result(tally=tally, seconds=seconds, page_id=page_id)


# --- the scratch portal `python -m bench.editor_entry` runs it on -----------------------------

OUT = Path(__file__).resolve().parent.parent / "var" / "bench" / "editor-entry"


def prepare_newsroom():
    """What the editor finds: a section, the author, and themselves, an editor-in-chief with a
    second factor set up. Returns (section, user)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from wagtail.models import Page, Site

    from django_otp.plugins.otp_totp.models import TOTPDevice

    from newsroom.models import Author, HomePage, SectionPage

    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(instance=HomePage(title="Trang chủ", slug="trang-chu"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    section = SectionPage.objects.filter(title=story.SECTION).first() or home.add_child(
        instance=SectionPage(title=story.SECTION, slug="thoi-su")
    )
    Author.objects.get_or_create(name=story.AUTHOR, defaults={"slug": "minh-anh"})
    user, _ = get_user_model().objects.get_or_create(username="tongbientap-bench")
    user.groups.add(Group.objects.get(name="Tổng biên tập"))
    TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "Bench"})
    return section, user


def verified_session(user):
    """A session cookie for `user`, logged in and past the second factor, as the login and
    code pages would leave it (the count starts after logging in)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from core.accounts.session_timeouts import LOGGED_IN_AT, SEEN_AT

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=user).persistent_id
    session[LOGGED_IN_AT] = session[SEEN_AT] = time.time()
    session.save()
    return {"name": settings.SESSION_COOKIE_NAME, "value": session.session_key}


def free_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main():
    import shutil

    root = Path(__file__).resolve().parent.parent
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    env = {
        **os.environ,
        "PORTAL_VAR_DIR": str(OUT),
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
    }
    os.environ.update(env)
    manage = [sys.executable, str(root / "manage.py")]
    migrate = [*manage, "migrate", "--noinput"]
    subprocess.run(migrate, env=env, check=True, capture_output=True)  # noqa: S603

    import django

    django.setup()
    section, user = prepare_newsroom()
    cookie = verified_session(user)
    port = free_port()
    with open(OUT / "runserver.log", "wb") as log:
        server = subprocess.Popen(  # noqa: S603 (our own manage.py)
            [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        base_url = f"http://127.0.0.1:{port}"
        _wait_for(base_url)
        result = _run_in_browser(base_url, section.pk, cookie)
    finally:
        server.terminate()
        server.wait(timeout=10)
    tally = result.tally
    print(f"clicks: {tally.actions}, seconds: {result.seconds:.1f}")
    print(
        f"  ({tally.clicks} mouse clicks, {tally.keys} keys, {tally.texts} texts typed or "
        f"pasted; {len(story.PARAGRAPHS)} paragraphs, {len(story.PHOTOS)} photos)"
    )
    (OUT / "result.json").write_text(
        json.dumps(
            {
                "clicks": tally.clicks,
                "keys": tally.keys,
                "texts": tally.texts,
                "actions": tally.actions,
                "seconds": round(result.seconds, 1),
                "steps": tally.steps,
            },
            ensure_ascii=False,
            indent=1,
        )
    )


def _wait_for(base_url, seconds=30):
    from urllib.request import urlopen

    deadline = time.monotonic() + seconds
    while True:
        try:
            urlopen(base_url + "/admin/login/", timeout=2).read()  # noqa: S310 (our own server)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def _run_in_browser(base_url, section_id, cookie):
    import shutil

    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # the ORM read after publishing
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS, headless=True
        )
        context = chromium.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
        context.add_cookies([{**cookie, "url": base_url}])
        tab = context.new_page()
        tab.set_default_timeout(20_000)
        try:
            return enter_article(tab, base_url, section_id, photo_files(folder))
        finally:
            context.close()
            chromium.close()


if __name__ == "__main__":
    main()


def wait_for_upload(modal):
    """The chooser closes once the server has stored the photo: up to a minute, as a full-size
    photo on a loaded machine may take (a CI run once passed the usual 15 s); if it stays open,
    what it says (a refusal, a duplicate) is the failure's message."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    try:
        modal.wait_for(state="hidden", timeout=60_000)
    except PlaywrightTimeoutError:
        said = " ".join(modal.inner_text().split())[:600]
        raise AssertionError(f"the chooser stayed open after the upload: {said}") from None


def wait_for_autosave(page):
    """Wait while Wagtail's autosave is posting. Its first save of a new page creates the page and
    moves the form to the edit view; a button pressed meanwhile posts to the add view again and is
    refused (the address is taken) — an editor's click would retry, a script must not race it."""
    saving = page.locator('#w-autosave-indicator[data-w-autosave-state-value="saving"]')
    saving.wait_for(state="detached", timeout=30_000)
