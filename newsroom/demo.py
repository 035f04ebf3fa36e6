"""Demo sections, authors and articles for `manage.py seed_demo`, from the text in demo_data."""

from datetime import timedelta

from django.utils import timezone
from django.utils.html import escape

from wagtail.rich_text import RichText

from media.demo import demo_image

from . import demo_data
from .models import ArticleAuthor, ArticlePage, Author, HomePage, SectionPage


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def seed_home(root, title):
    home = HomePage.objects.first()
    if home is None:
        home = publish(root, HomePage(title=title, slug="trang-chu"))
    return home


def seed_sections(home):
    sections = {}
    for data in demo_data.SECTIONS:
        section = SectionPage.objects.child_of(home).filter(slug=data["slug"]).first()
        if section is None:
            section = publish(home, SectionPage(show_in_menus=True, **data))
        sections[data["slug"]] = section.specific
    return sections


def seed_authors():
    return [
        Author.objects.get_or_create(name=data["name"], defaults={"pen_name": data["pen_name"]})[0]
        for data in demo_data.AUTHORS
    ]


def _photo(article, photo, number):
    return demo_image(
        title=f"{article['title']} (ảnh {number})",
        caption=photo["caption"],
        credit=photo["credit"],
        alt=photo["alt"],
        seed=f"{article['slug']}-{number}",
    )


def _body(article):
    blocks = []
    photo_number = 1
    for kind, value in article["body"]:
        if kind == "p":
            blocks.append(("paragraph", RichText(f"<p>{escape(value)}</p>")))
        elif kind == "h2":
            blocks.append(("heading", {"text": value, "level": "h2"}))
        elif kind == "photo":
            photo_number += 1
            blocks.append(("image", {"image": _photo(article, value, photo_number), "caption": ""}))
    return blocks


def seed_articles(sections, authors, now=None):
    now = now or timezone.now()
    created = 0
    for data in demo_data.ARTICLES:
        section = sections[data["section"]]
        if ArticlePage.objects.child_of(section).filter(slug=data["slug"]).exists():
            continue
        published_at = (now - timedelta(hours=data["hours_ago"])).replace(second=0, microsecond=0)
        article = ArticlePage(
            title=data["title"],
            slug=data["slug"],
            dateline=data["dateline"],
            sapo=data["sapo"],
            image=_photo(data, data["photo"], 1),
            body=_body(data),
            first_published_at=published_at,
            article_authors=[
                ArticleAuthor(author=authors[index], sort_order=order)
                for order, index in enumerate(data["authors"])
            ],
        )
        publish(section, article)
        created += 1
    return created


def seed(root, site_name):
    """Create what is missing; running it again changes nothing."""
    home = seed_home(root, site_name)
    sections = seed_sections(home)
    created = seed_articles(sections, seed_authors())
    return home, created
