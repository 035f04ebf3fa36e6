from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.http import JsonResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import ImageBlock, ParagraphBlock
from core.prefetch import render_prefetched

from ..blocks import PullQuoteBlock
from .article import ArticlePage

POLL_SECONDS = 30


class LiveUpdateBlock(blocks.StreamBlock):
    text = ParagraphBlock()
    photo = ImageBlock()
    quote = PullQuoteBlock()


class LiveCoveragePage(RoutablePageMixin, ArticlePage):
    """Live coverage (tổng thuật): an article whose timestamped updates appear newest first.

    It is an ArticlePage, so it takes part in every listing, topic and author page as one.
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
        ),
        InlinePanel("updates", label=_("Cập nhật")),
    ]
    search_fields = [
        *ArticlePage.search_fields,
        index.SearchField("closing_summary"),
        index.RelatedFields("updates", [index.SearchField("content")]),
    ]

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

    @cached_property
    def sorted_updates(self):
        return sorted(self.updates.all(), key=lambda u: (u.posted_at, u.pk or 0), reverse=True)

    body_in_parts = False  # the updates render in the page itself

    def prefetch_sources(self):
        return [
            *super().prefetch_sources(),
            *((u.content.stream_block, list(u.content.raw_data)) for u in self.sorted_updates),
        ]

    def serve(self, request, *args, **kwargs):
        # RoutablePageMixin answers before BasePage.serve: the updates' photos, files and links
        # are fetched once here for the page and the updates endpoint alike.
        return render_prefetched(
            self, lambda: super(LiveCoveragePage, self).serve(request, *args, **kwargs)
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["updates"] = self.sorted_updates
        return context

    @property
    def newest_update_time(self):
        return self.sorted_updates[0].posted_at if self.sorted_updates else self.started_at

    @path("cap-nhat/", name="updates")
    def updates_json(self, request):
        """The updates posted after ?since= (ISO 8601), newest first, as rendered HTML."""
        since = _parse_since(request.GET.get("since", ""))
        if since is None:
            return JsonResponse(
                {"error": "Tham số “since” phải là thời điểm dạng ISO 8601."}, status=400
            )
        updates = [u for u in self.sorted_updates if u.posted_at > since]
        response = JsonResponse(
            {
                "live": self.is_live,
                "updates": [
                    {
                        "id": update.pk,
                        "posted_at": timezone.localtime(update.posted_at).isoformat(),
                        "html": render_to_string(
                            "newsroom/includes/live_update.html",
                            {"update": update, "page": self},
                            request=request,
                        ),
                    }
                    for update in updates
                ],
            }
        )
        # Short enough for "live"; shared caches may keep it only if the page itself is public.
        patch_cache_control(response, max_age=10)
        return response


def _parse_since(value):
    # A "+" in a query string arrives as a space when the client did not encode it.
    try:
        moment = datetime.fromisoformat(value.strip().replace(" ", "+"))
    except ValueError:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class LiveUpdate(Orderable):
    page = ParentalKey(LiveCoveragePage, on_delete=models.CASCADE, related_name="updates")
    posted_at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    content = StreamField(LiveUpdateBlock(), verbose_name=_("nội dung"))

    panels = [FieldPanel("posted_at"), FieldPanel("content")]

    class Meta(Orderable.Meta):
        verbose_name = _("cập nhật")
        verbose_name_plural = _("cập nhật")
