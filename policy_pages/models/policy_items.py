"""What an officer adds to a policy page row by row (the editor's inline panels), beside its
milestones (timeline.py): the draft files, the legal documents, the guidance, the
questions and answers, the related news, and the topics."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from taggit.models import ItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from core.models import optional_document_field
from newsroom.models import ArticlePage, Topic

from ..choices import DocumentRole
from .files import LabelledFile


def policy_key(related_name):
    """The policy page a row belongs to, deleted with it."""
    return ParentalKey(
        "policy_pages.PolicyPage", on_delete=models.CASCADE, related_name=related_name
    )


class PolicyTopic(ItemBase):
    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="tagged_policies")
    content_object = policy_key("topic_items")


class PolicyDraftFile(LabelledFile):
    page = policy_key("draft_files")

    class Meta(LabelledFile.Meta):
        verbose_name = _("dự thảo")
        verbose_name_plural = _("dự thảo")


class PolicyLegalDocument(Orderable):
    page = policy_key("documents")
    document = models.ForeignKey(
        "policy_pages.LegalDocumentPage",
        verbose_name=_("văn bản"),
        on_delete=models.CASCADE,
        related_name="policy_links",
    )
    role = models.CharField(
        _("vai trò"), max_length=20, choices=DocumentRole.choices, default=DocumentRole.ADOPTS
    )

    panels = [FieldPanel("document"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("văn bản của chính sách")
        verbose_name_plural = _("văn bản của chính sách")


class PolicyGuidanceNote(Orderable):
    page = policy_key("guidance_notes")
    title = models.CharField(_("tiêu đề"), max_length=255)
    published_on = models.DateField(_("ngày"))
    text = models.TextField(_("nội dung"), max_length=5000)
    document = optional_document_field(_("tệp"))

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("published_on")]),
        FieldPanel("text"),
        FieldPanel("document"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("hướng dẫn thực hiện")
        verbose_name_plural = _("hướng dẫn thực hiện")


class PolicyQuestion(Orderable):
    """A question about the policy, answered by the drafting agency (hỏi đáp)."""

    page = policy_key("questions")
    question = models.TextField(_("câu hỏi"), max_length=2000)
    answer = models.TextField(_("trả lời"), max_length=5000)
    answered_by = models.ForeignKey(
        "policy_pages.IssuingBody",
        verbose_name=_("cơ quan trả lời"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_on = models.DateField(_("ngày trả lời"))

    panels = [
        FieldPanel("question"),
        FieldPanel("answer"),
        FieldRowPanel([FieldPanel("answered_by"), FieldPanel("answered_on")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("hỏi đáp")
        verbose_name_plural = _("hỏi đáp")


class PolicyRelatedArticle(Orderable):
    page = policy_key("related_links")
    article = models.ForeignKey(
        ArticlePage, verbose_name=_("bài"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("tin liên quan")
        verbose_name_plural = _("tin liên quan")
