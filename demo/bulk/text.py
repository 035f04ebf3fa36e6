"""Sentences, names and times for one page, drawn from the page's own seeded random generator."""

from datetime import timedelta

from django.utils.html import escape

from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText

from . import words

ARCHIVE_DAYS = 3652  # ten years


def matters_for(section_slug):
    return words.MATTERS.get(section_slug, words.ALL_MATTERS)


def fill(rng, template, matter=None, **extra):
    values = {
        "opening": rng.choice(words.OPENINGS),
        "actor": rng.choice(words.ACTORS),
        "matter": matter or rng.choice(words.ALL_MATTERS),
        "province": rng.choice(words.PROVINCES),
        "when": rng.choice(words.WHEN),
        "percent": rng.randint(62, 98),
        "number": rng.randint(12, 480),
        "days": rng.choice([5, 7, 10, 15]),
    }
    values.update(extra)
    return template.format(**values)


def sentence(rng, matter=None):
    return fill(rng, rng.choice(words.SENTENCES), matter)


def paragraph(rng, matter, sentences=3):
    return " ".join(sentence(rng, matter) for _ in range(sentences))


def headline(rng, matter):
    actor = rng.choice(words.ACTORS)
    verb = rng.choice(words.TITLE_VERBS)
    tail = rng.choice([f"tại {rng.choice(words.PROVINCES)}", rng.choice(words.WHEN)])
    return f"{actor} {verb} {matter} {tail}"


def person(rng):
    middle = rng.choice(words.MIDDLE)
    return f"{rng.choice(words.FAMILY)} {middle} {rng.choice(words.GIVEN)}"


def rich(text):
    return f"<p>{escape(text)}</p>"


def body(rng, matter, block_id, images=(), paragraphs=4):
    """An article body: paragraphs, a sub-heading, and sometimes a photo from the demo's set.
    Block ids come from the page's generator, so the same index gives the same body."""
    blocks = [("paragraph", RichText(rich(paragraph(rng, matter))), block_id())]
    for number in range(1, paragraphs):
        if number == 2:
            heading = {"text": rng.choice(words.HEADINGS), "level": "h2"}
            blocks.append(("heading", heading, block_id()))
        if number == 2 and images:
            photo = {"image": rng.choice(images), "caption": rng.choice(words.CAPTIONS)}
            blocks.append(("image", {**photo, "display": "column"}, block_id()))
        blocks.append(("paragraph", RichText(rich(paragraph(rng, matter))), block_id()))
    return blocks


def stream(model, field_name, blocks):
    """A StreamField value from (type, value, id) triples, ids kept as given."""
    stream_block = model._meta.get_field(field_name).stream_block
    children = stream_block.child_blocks
    return StreamValue(
        stream_block, [(kind, children[kind].normalize(value), id_) for kind, value, id_ in blocks]
    )


def moment(rng, now, days=ARCHIVE_DAYS):
    """A publication time within the last `days` days, on the minute."""
    seconds = rng.randint(3600, days * 86400)
    return (now - timedelta(seconds=seconds)).replace(second=0, microsecond=0)
