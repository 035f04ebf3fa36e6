"""The batch loop of `manage.py seed_bulk`: what exists, what is missing, and writing it."""

import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from wagtail.models import Page

from tqdm import tqdm

from media.models import MultimediaIndexPage, PortalImage, PortalMedia
from newsroom.models import Author, HomePage, SectionPage, Topic
from policy_pages.models import (
    IssuingBody,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    LegalField,
    PolicyIndexPage,
)

from . import news, plan, policy, words
from .tree import Tree, bulk_pages, existing_indexes, key_index

BUILDERS = {
    "article": news.article,
    "legal": policy.legal_document,
    "policy": policy.policy,
    "photo": news.photo_story,
    "infographic": news.infographic,
    "video": news.video,
    "audio": news.audio,
}


class Archive:
    """What the demo provides and every page draws on: sections, images, authors, issuers…"""

    def __init__(self, now):
        self.now = now
        self.today = timezone.localdate(now)
        home = HomePage.objects.get()
        self.sections = list(SectionPage.objects.live().descendant_of(home).order_by("path"))
        self.multimedia_index = MultimediaIndexPage.objects.first()
        self.legal_index = LegalDocumentIndexPage.objects.get()
        self.policy_index = PolicyIndexPage.objects.get()
        self.images = list(PortalImage.objects.order_by("pk")[:60])
        self.authors = list(Author.objects.order_by("pk"))
        self.topics = list(Topic.objects.order_by("pk"))
        self.fields = list(LegalField.objects.order_by("pk"))
        self.bodies = {
            name: IssuingBody.objects.get_or_create(name=name)[0]
            for name in {entry[2] for entry in words.DOCUMENT_KINDS}
        }
        self.ministries = [body for name, body in self.bodies.items() if name.startswith("Bộ ")]
        self.video = PortalMedia.objects.filter(type="video").order_by("pk").first()
        self.audio = PortalMedia.objects.filter(type="audio").order_by("pk").first()
        ours = bulk_pages().values("pk")
        self.taken_numbers = set(
            LegalDocumentPage.objects.exclude(pk__in=ours).values_list(
                "issuing_body_id", "number_key"
            )
        )
        legal_type = ContentType.objects.get_for_model(LegalDocumentPage)
        self.ids = {
            key_index(key): pk
            for key, pk in bulk_pages()
            .filter(content_type=legal_type)
            .values_list("translation_key", "pk")
        }
        self.tree = Tree()
        missing = [
            name
            for name in ("sections", "images", "authors", "topics", "fields")
            if not getattr(self, name)
        ]
        if missing:
            raise ValueError(f"The demo content lacks {', '.join(missing)}: run seed_demo.")

    @staticmethod
    def uuid(rng):
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    def block_id(self, rng):
        return lambda: self.uuid(rng)

    def write(self, indexes):
        """Build, write and index the pages of these indexes: one transaction, all or nothing."""
        pages = [
            BUILDERS[plan.kind(index)](index, random.Random(policy.SEED.format(index)), self)  # noqa: S311
            for index in indexes
        ]
        batch_documents = {
            key_index(page.translation_key): page
            for page in pages
            if isinstance(page, LegalDocumentPage)
        }

        def resolve(row):
            for attname, index in getattr(row, "_bulk_refs", {}).items():
                page_id = self.ids.get(index)
                setattr(row, attname, page_id or batch_documents[index].pk)

        self.tree.write(pages, resolve)
        self.ids.update({index: page.pk for index, page in batch_documents.items()})
        policy.write_extras(pages, self)
        self.tree.index(pages)
        return len(pages)


def plan_run(total):
    """(indexes to add, how many pages of ours exist) for a site of `total` pages."""
    existing = existing_indexes()
    others = Page.objects.count() - len(existing)
    target = max(0, total - others)
    return [index for index in range(target) if index not in existing], len(existing)


def run(total, batch, progress=True):
    missing, existing = plan_run(total)
    if not missing:
        return 0
    archive = Archive(timezone.now())
    added = 0
    with tqdm(
        total=existing + len(missing),
        initial=existing,
        unit=" trang",
        disable=not progress,
        smoothing=0.05,
    ) as bar:
        for start in range(0, len(missing), batch):
            with transaction.atomic():
                count = archive.write(missing[start : start + batch])
            added += count
            bar.update(count)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # the planner should know the tables grew a hundredfold
    return added
