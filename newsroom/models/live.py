from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import prefetch_related_objects
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from rest_framework.fields import Field

from core import live
from core.api_fields import absolute_urls
from core.prefetch import render_prefetched

from .article import ArticlePage

# What an open page sends as `since` when the page has no update yet: every such copy asks for
# the same address (core/live.py).
NO_UPDATE_YET = datetime(2000, 1, 1, tzinfo=timezone.get_fixed_timezone(7 * 60))


class LiveUpdatesField(Field):
    """A live page's updates for the API, as readers see them: a withdrawn one keeps its notice
    (time and reason) and loses its content; a deleted one is not there."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, page):
        request = self.context["request"]
        return [
            {
                "id": update.pk,
                "posted_at": timezone.localtime(update.posted_at).isoformat(),
                "pinned": update.pinned,
                "corrected_at": update.corrected_at
                and timezone.localtime(update.corrected_at).isoformat(),
                "correction_note": update.correction_note if update.corrected_at else "",
                "withdrawn_at": update.withdrawn_at
                and timezone.localtime(update.withdrawn_at).isoformat(),
                "withdrawal_reason": update.withdrawal_reason if update.withdrawn_at else "",
                "html": absolute_urls(render_content(update), request),
            }
            for update in page.public_updates()
        ]


def render_content(update):
    """An update's blocks as HTML: nothing once withdrawn."""
    return render_to_string(
        "newsroom/includes/live_update_content.html", {"blocks": update.public_content}
    )


class LiveCoveragePage(RoutablePageMixin, ArticlePage):
    """Live coverage (tổng thuật): an article whose timestamped updates appear newest first.

    It is an ArticlePage, so it takes part in every listing, topic and author page as one. Its
    updates are records of their own (newsroom/models/live_updates.py), posted from the live
    desk without a new revision: the page and its `cap-nhat/` endpoint follow core/live.py.
    """

    started_at = models.DateTimeField(_("bắt đầu"), default=timezone.now)
    ended_at = models.DateTimeField(
        _("kết thúc"),
        null=True,
        blank=True,
        help_text=_("Điền khi sự kiện kết thúc: trang thôi hiện nhãn “Trực tiếp”."),
    )
    closing_summary = models.TextField(
        _("tóm tắt khi kết thúc"),
        blank=True,
        help_text=_("Hiện ở đầu trang khi sự kiện đã kết thúc."),
    )

    template = "newsroom/live_coverage_page.html"
    parent_page_types = ["newsroom.SectionPage"]
    subpage_types = []

    content_panels = [
        *ArticlePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("started_at"), FieldPanel("ended_at"), FieldPanel("closing_summary")],
            heading=_("Diễn biến sự kiện"),
            help_text=_(
                "Các cập nhật được đăng ở mục “Tường thuật trực tiếp” của trang quản trị, "
                "không cần xuất bản lại bài."
            ),
        ),
    ]
    search_fields = [
        *ArticlePage.search_fields,
        index.SearchField("closing_summary"),
        index.SearchField("updates_text"),
    ]
    api_fields = [*ArticlePage.api_fields, APIField("updates", serializer=LiveUpdatesField())]

    class Meta:
        verbose_name = _("tường thuật trực tiếp")
        verbose_name_plural = _("tường thuật trực tiếp")

    def clean(self):
        super().clean()
        if self.ended_at and self.started_at and self.ended_at < self.started_at:
            raise ValidationError({"ended_at": _("Thời điểm kết thúc phải sau thời điểm bắt đầu.")})
        if self.ended_at and not self.closing_summary.strip():
            raise ValidationError(
                {"closing_summary": _("Viết tóm tắt cho bạn đọc khi sự kiện kết thúc.")}
            )

    @property
    def is_live(self):
        now = timezone.now()
        return self.started_at <= now and (self.ended_at is None or self.ended_at > now)

    @property
    def has_ended(self):
        return self.ended_at is not None and self.ended_at <= timezone.now()

    # --- the updates ----------------------------------------------------------------------------

    @cached_property
    def _every_update(self):
        """Every update, deleted ones too (their stamps count for `since`), in page order."""
        if not self.pk:
            return []
        return list(self.updates.in_page_order())

    def public_updates(self):
        """The updates readers see, pinned first then newest first; the answer being made
        shows them (renewed by core.live.renew)."""
        live.show(self.pk)
        return [update for update in self._every_update if not update.is_removed]

    @property
    def newest_change(self):
        times = [update.changed_at for update in self._every_update]
        return max(times, default=NO_UPDATE_YET)

    @property
    def since_stamp(self):
        return live.stamp(self.newest_change)

    @property
    def modified_time(self):
        """The article's, or the newest change to an update if later (feeds, structured data)."""
        times = [super().modified_time, self._every_update and self.newest_change]
        return max((t for t in times if t), default=None)

    @property
    def updates_text(self):
        """What search finds of the updates: the text of those readers see."""
        return " ".join(
            strip_tags(str(block.render())) for u in self.public_updates() for block in u.content
        )

    body_in_parts = False  # the updates render in the page itself

    def prefetch_sources(self):
        return [
            *super().prefetch_sources(),
            *(
                (u.content.stream_block, list(u.content.raw_data))
                for u in self._every_update
                if not (u.is_removed or u.is_withdrawn)
            ),
        ]

    def prepare_updates(self, updates):
        """Fetch what the updates' blocks show before their templates render: a video's file,
        a document's status (templates only display)."""
        videos, documents = [], []
        for update in updates:
            for block in update.public_content:
                if block.block_type == "video" and block.value["video"]:
                    videos.append(block.value["video"])
                elif block.block_type == "legal_document" and block.value["document"]:
                    documents.append(block.value["document"])
        prefetch_related_objects(videos, "media")
        if documents:
            # One query for every document's status (its model's `with_status()`), known by
            # name: the newsroom does not import the policy desk.
            model = type(documents[0])
            found = dict(
                model._default_manager.filter(pk__in={d.pk for d in documents})
                .with_status()
                .values_list("pk", "status")
            )
            for document in documents:
                document.__dict__["status"] = found.get(document.pk)
        return updates

    def serve(self, request, *args, **kwargs):
        # RoutablePageMixin answers before BasePage.serve: the updates' photos, files and links
        # are fetched once here for the page and the updates endpoint alike.
        response = render_prefetched(
            self, lambda: super(LiveCoveragePage, self).serve(request, *args, **kwargs)
        )
        # Nothing renews the page or its endpoint when the clock starts or ends the event
        # (the badge, `live`): no cached copy outlives that moment.
        return live.keep_until(response, live.seconds_until(self.started_at, self.ended_at))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["updates"] = self.prepare_updates(self.public_updates())
        return context

    def entry_context(self):
        """A feed entry shows the updates too (syndication/entries.py): renewed with them."""
        return {"updates": self.prepare_updates(self.public_updates())}

    @path("cap-nhat/", name="updates")
    def updates_json(self, request):
        """What changed after ?since=, as core/live.py says: updates posted, edited, corrected,
        withdrawn, pinned or unpinned as rendered HTML, deleted ones as `removed`."""
        since = live.parse_since(request.GET.get("since", ""))
        if since is None:
            return live.bad_since_response()
        after = live.changed_after(since)
        shown = {update.pk for update in self.public_updates()}
        changed = [update for update in self._every_update if update.changed_at > after]
        self.prepare_updates([update for update in changed if update.pk in shown])
        items = []
        for update in changed:
            item = {"id": update.anchor, "changed": update.changed_stamp}
            if update.pk in shown:
                item["key"] = update.order_key
                item["html"] = render_to_string(
                    "newsroom/includes/live_update.html",
                    {"update": update, "page": self},
                    request=request,
                )
            else:
                item["removed"] = True
            items.append(item)
        return live.changes_response(live=self.is_live, since=self.since_stamp, items=items)
