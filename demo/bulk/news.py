"""Articles and multimedia pages for the bulk archive, filed in the demo's sections."""

from django.utils.html import escape

from core.text import vi_slugify
from media.models import (
    AudioBulletinPage,
    InfographicPage,
    PhotoStoryPage,
    PhotoStoryPhoto,
    VideoPage,
)
from newsroom.models import ArticleAuthor, ArticlePage, ArticleTopic

from . import text, words


def slug_for(title, index):
    return f"{vi_slugify(title, max_length=80)}-{index}"


def article(index, rng, archive):
    section = rng.choice(archive.sections)
    matter = rng.choice(text.matters_for(section.slug))
    title = text.headline(rng, matter)
    published_at = text.moment(rng, archive.now)
    authors = rng.sample(archive.authors, rng.choice([1, 1, 1, 2]))
    topics = rng.sample(archive.topics, rng.choice([1, 1, 2]))
    with_photo = rng.random() < 0.3
    page = ArticlePage(
        title=title,
        slug=slug_for(title, index),
        dateline=rng.choice(words.PROVINCES),
        sapo=text.fill(rng, words.SENTENCES[0], matter),
        image_id=rng.choice(archive.images).pk,
        body=text.stream(
            ArticlePage,
            "body",
            text.body(
                rng,
                matter,
                archive.block_id(rng),
                images=archive.images if with_photo else (),
                paragraphs=rng.randint(3, 6),
            ),
        ),
        source=rng.choice(["", "", "", f"Theo {rng.choice(words.ACTORS)}"]),
    )
    page.article_authors = [
        ArticleAuthor(author=author, sort_order=order) for order, author in enumerate(authors)
    ]
    page.topic_items = [ArticleTopic(tag=topic) for topic in topics]
    return archive.tree.place(page, section, index, published_at)


def _multimedia(page_type, index, rng, archive, **fields):
    parent = archive.multimedia_index if rng.random() < 0.5 else rng.choice(archive.sections)
    parent = parent or rng.choice(archive.sections)
    matter = rng.choice(words.ALL_MATTERS)
    prefix = {PhotoStoryPage: "Ảnh", VideoPage: "Video", AudioBulletinPage: "Bản tin"}
    prefix = prefix.get(page_type, "Infographic")
    title = f"{prefix}: {text.headline(rng, matter)}"
    page = page_type(
        title=title,
        slug=slug_for(title, index),
        sapo=text.sentence(rng, matter),
        byline=" - ".join(text.person(rng) for _ in range(rng.choice([1, 2]))),
        **fields,
    )
    page._bulk_matter = matter
    return page, parent, text.moment(rng, archive.now)


def photo_story(index, rng, archive):
    page, parent, published_at = _multimedia(PhotoStoryPage, index, rng, archive)
    photos = rng.sample(archive.images, min(len(archive.images), rng.randint(3, 6)))
    page.image_id = photos[0].pk
    page.closing_text = text.rich(text.sentence(rng, page._bulk_matter))
    page.photos = [
        PhotoStoryPhoto(image=image, caption=rng.choice(words.CAPTIONS), sort_order=order)
        for order, image in enumerate(photos)
    ]
    return archive.tree.place(page, parent, index, published_at)


def infographic(index, rng, archive):
    page, parent, published_at = _multimedia(InfographicPage, index, rng, archive)
    page.image = rng.choice(archive.images)
    items = "".join(f"<li>{escape(text.sentence(rng, page._bulk_matter))}</li>" for _ in "ab")
    page.text_alternative = f"{text.rich(text.sentence(rng, page._bulk_matter))}<ul>{items}</ul>"
    return archive.tree.place(page, parent, index, published_at)


def video(index, rng, archive):
    if archive.video is None:
        return photo_story(index, rng, archive)
    page, parent, published_at = _multimedia(VideoPage, index, rng, archive)
    page.media = archive.video
    page.image_id = rng.choice(archive.images).pk
    page.description = text.rich(text.paragraph(rng, page._bulk_matter, 2))
    return archive.tree.place(page, parent, index, published_at)


def audio(index, rng, archive):
    if archive.audio is None:
        return photo_story(index, rng, archive)
    page, parent, published_at = _multimedia(AudioBulletinPage, index, rng, archive)
    page.media = archive.audio
    page.image_id = rng.choice(archive.images).pk
    page.description = text.rich(text.paragraph(rng, page._bulk_matter, 2))
    page.broadcast_partner = rng.choice(["Đài Tiếng nói Việt Nam", "Đài Truyền hình Việt Nam"])
    page.air_time = published_at
    return archive.tree.place(page, parent, index, published_at)
