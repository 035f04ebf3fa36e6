"""Legal documents (văn bản): their fields, their relations to each other and how both sides show.

A document's status is never stored: `LegalDocumentPage.objects.with_status()`
(models/document_status.py) derives it in the database from its dates and from the documents in
force that act on it, on the day it is asked, so it is right on the day a date passes without
anyone touching the page.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    TitleFieldPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, PageManager
from wagtail.search import index

from core import registry
from core.api_fields import NamesField, ObjectsField, RichTextHTMLField
from core.models import BasePage
from core.panels import CitationsPanel, PageAddressPanel

from ..choices import DocumentStatus, DocumentType, Relation, label_of
from ..numbers import NUMBER_PATTERN, number_key
from .document_form import LegalDocumentPageForm
from .document_relations import RELATION_KEYS, RelatedDocuments, consolidated_sources
from .document_status import (
    LegalDocumentQuerySet,
    today,  # noqa: F401 (read here by migration 0003 and the feeds)
)
from .files import LabelledFile


class LegalDocumentPage(RelatedDocuments, BasePage):
    """A legal document with its number, type, issuer, signer, dates, fields, text and files."""

    number_symbol = models.CharField(
        _("số, ký hiệu"),
        max_length=60,
        blank=True,
        help_text=_("Ví dụ “68/2023/NĐ-CP”, “01/NQ-CP”. Chỉ Hiến pháp được để trống."),
    )
    number_key = models.CharField(max_length=60, editable=False, db_index=True, default="")
    document_type = models.CharField(_("loại văn bản"), max_length=30, choices=DocumentType.choices)
    is_normative = models.BooleanField(
        _("văn bản quy phạm pháp luật"),
        default=True,
        help_text=_("Bỏ chọn với văn bản cá biệt, công điện, thông báo."),
    )
    issuing_body = models.ForeignKey(
        "policy_pages.IssuingBody",
        verbose_name=_("cơ quan ban hành"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    signer = models.CharField(_("người ký"), max_length=120, blank=True)
    signer_title = models.CharField(
        _("chức vụ người ký"), max_length=160, blank=True, help_text=_("Ví dụ “Thủ tướng”.")
    )
    issued_on = models.DateField(_("ngày ban hành"))
    effective_on = models.DateField(
        _("ngày có hiệu lực"), null=True, blank=True, help_text=_("Để trống: từ ngày ban hành.")
    )
    expires_on = models.DateField(
        _("ngày hết hiệu lực"),
        null=True,
        blank=True,
        help_text=_(
            "Chỉ khi văn bản tự quy định thời hạn; văn bản thay thế, bãi bỏ thì nhập ở "
            "văn bản mới, phần “Quan hệ với văn bản khác”."
        ),
    )
    fields = ParentalManyToManyField(
        "policy_pages.LegalField", verbose_name=_("lĩnh vực"), blank=True, related_name="+"
    )
    summary = models.TextField(_("trích yếu"), max_length=1000)
    full_text = RichTextField(
        _("toàn văn"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"],
    )

    template = "policy_pages/legal_document_page.html"
    joined_with_page = ("issuing_body",)
    parent_page_types = ["policy_pages.LegalDocumentIndexPage"]
    subpage_types = []
    search_kind = "van-ban"
    summary_field = "summary"
    citing_fields = ("summary", "full_text")  # read for the legal documents they cite
    search_date_label = "Ban hành ngày"  # a document is dated by its issue, not its page

    objects = PageManager.from_queryset(LegalDocumentQuerySet)()
    base_form_class = LegalDocumentPageForm

    content_panels = [
        TitleFieldPanel("title", help_text=_("Tên văn bản, ví dụ “Nghị định về quản lý thuế”.")),
        PageAddressPanel(),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("number_symbol"), FieldPanel("document_type")]),
                FieldPanel("is_normative"),
                FieldPanel("issuing_body"),
                FieldRowPanel([FieldPanel("signer"), FieldPanel("signer_title")]),
                FieldRowPanel(
                    [FieldPanel("issued_on"), FieldPanel("effective_on"), FieldPanel("expires_on")]
                ),
                FieldPanel("fields"),
            ],
            heading=_("Thông tin văn bản"),
        ),
        FieldPanel("summary"),
        FieldPanel("full_text"),
        CitationsPanel(heading=_("Văn bản được trích dẫn")),
        InlinePanel("attachments", label=_("Tệp đính kèm"), heading=_("Tệp đính kèm")),
        InlinePanel("relations", label=_("Quan hệ"), heading=_("Quan hệ với văn bản khác")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("number_symbol", boost=5),
        index.AutocompleteField("number_symbol"),
        index.SearchField("summary"),
        index.SearchField("full_text"),
        index.FilterField("document_type"),
        index.FilterField("issued_on"),
    ]
    # "legal_fields", not "fields": ?fields= already chooses what the API answers.
    api_fields = [
        APIField("number_symbol"),
        APIField("document_type"),
        APIField("document_type_label"),
        APIField("is_normative"),
        APIField("issuing_body", serializer=NamesField()),
        APIField("signer"),
        APIField("signer_title"),
        APIField("issued_on"),
        APIField("effective_on"),
        APIField("expires_on"),
        APIField("status"),
        APIField("status_label"),
        APIField("legal_fields", serializer=NamesField(source="fields")),
        APIField("summary"),
        APIField("full_text", serializer=RichTextHTMLField()),
        APIField(
            "attachments",
            serializer=ObjectsField(
                {"title": "display_label", "file": "document"}, source="attachment_list"
            ),
        ),
        APIField("outgoing_relations", serializer=ObjectsField(RELATION_KEYS)),
        APIField("incoming_relations", serializer=ObjectsField(RELATION_KEYS)),
    ]

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        indexes = [
            # The index lists documents newest issue first, all or of one type (issue 8).
            models.Index(fields=["-issued_on", "-page_ptr"], name="legaldoc_issued_idx"),
            models.Index(
                fields=["document_type", "-issued_on", "-page_ptr"], name="legaldoc_type_issued_idx"
            ),
        ]

    def __str__(self):
        return f"{self.number_symbol} {self.title}".strip()

    @property
    def document_type_label(self):
        return self.get_document_type_display()

    @property
    def search_date(self):
        return self.issued_on

    @property
    def in_force_from(self):
        return self.effective_on or self.issued_on

    def status_on(self, on=None):
        if not self.pk:
            return None
        return (
            LegalDocumentPage.objects.filter(pk=self.pk)
            .with_status(on)
            .values_list("status", flat=True)[0]
        )

    @cached_property
    def status(self):
        return self.status_on()

    @property
    def status_label(self):
        return label_of(DocumentStatus, self.status)

    def prefetch_sources(self):
        return [self.full_text]

    @property
    def is_consolidated(self):
        return self.document_type == DocumentType.CONSOLIDATED

    def get_context(self, request, *args, **kwargs):
        from ..citations.backlinks import citing_page  # it reads these models

        context = super().get_context(request, *args, **kwargs)
        incoming, outgoing = self.incoming_relations(), self.outgoing_relations()
        context["status"] = self.status
        context["fields"] = list(self.fields.all())
        context["incoming_relations"] = incoming
        context["outgoing_relations"] = outgoing
        context["reading_version"] = self.reading_version(incoming)
        context["consolidated_sources"] = consolidated_sources(outgoing)
        context["attachments"] = self.attachment_list
        context["citations"] = registry.citations_in(self)
        context["citing"] = citing_page(self, request)
        return context

    @cached_property
    def attachment_list(self):
        if "attachments" in getattr(self, "_prefetched_objects_cache", {}):
            return list(self.attachments.all())  # a listing prefetched them (a feed)
        return list(self.attachments.select_related("document"))

    def save(self, *args, **kwargs):
        self.number_key = number_key(self.number_symbol)
        if self.is_consolidated:
            self.is_normative = False  # it only merges texts that are
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = {}
        number = (self.number_symbol or "").strip()
        self.number_symbol = number
        if not number and self.document_type != DocumentType.CONSTITUTION:
            errors["number_symbol"] = _("Nhập số, ký hiệu của văn bản, ví dụ “68/2023/NĐ-CP”.")
        elif number and not NUMBER_PATTERN.match(number):
            errors["number_symbol"] = _(
                "Số, ký hiệu “%(number)s” không đúng dạng: số/năm/ký hiệu như “68/2023/NĐ-CP”, "
                "hoặc số/ký hiệu như “01/NQ-CP”."
            ) % {"number": number}
        elif number and self.issuing_body_id:
            clash = (
                LegalDocumentPage.objects.filter(
                    issuing_body_id=self.issuing_body_id, number_key=number_key(number)
                )
                .exclude(pk=self.pk)
                .first()
            )
            if clash:
                errors["number_symbol"] = _(
                    "Cơ quan này đã có văn bản số “%(number)s”: “%(title)s”."
                ) % {"number": clash.number_symbol, "title": clash.title}
        if self.issued_on and self.effective_on and self.effective_on < self.issued_on:
            errors["effective_on"] = _("Ngày có hiệu lực không thể trước ngày ban hành.")
        if self.expires_on and self.expires_on <= (
            self.effective_on or self.issued_on or self.expires_on
        ):
            errors["expires_on"] = _("Ngày hết hiệu lực phải sau ngày có hiệu lực.")
        if errors:
            raise ValidationError(errors)


class LegalDocumentAttachment(LabelledFile):
    page = ParentalKey(LegalDocumentPage, on_delete=models.CASCADE, related_name="attachments")
    label = models.CharField(
        _("tên hiển thị"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ “Bản ký số (PDF)”; để trống sẽ dùng tên tệp trong thư viện."),
    )

    class Meta(LabelledFile.Meta):
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")


class LegalDocumentRelation(Orderable):
    """ "This document amends / replaces / repeals / suspends / guides / consolidates that one":
    entered on the newer document, shown on both. A suspension may carry its last day."""

    page = ParentalKey(LegalDocumentPage, on_delete=models.CASCADE, related_name="relations")
    relation_type = models.CharField(
        _("quan hệ"),
        max_length=20,
        choices=Relation.choices,
    )
    target = models.ForeignKey(
        LegalDocumentPage,
        verbose_name=_("văn bản"),
        on_delete=models.CASCADE,
        related_name="incoming_relation_rows",
    )
    ends_on = models.DateField(
        _("ngưng hiệu lực đến hết ngày"),
        null=True,
        blank=True,
        help_text=_(
            "Chỉ với quan hệ “Đình chỉ, ngưng hiệu lực”: văn bản bị ngưng hiệu lực đến hết ngày "
            "này và có hiệu lực trở lại từ ngày hôm sau. Để trống: ngưng cho đến khi có văn bản "
            "khác."
        ),
    )

    panels = [FieldPanel("relation_type"), FieldPanel("target"), FieldPanel("ends_on")]

    class Meta(Orderable.Meta):
        verbose_name = _("quan hệ văn bản")
        verbose_name_plural = _("quan hệ văn bản")

    def clean(self):
        super().clean()
        errors = {}
        if self.page_id and self.target_id == self.page_id:
            errors["target"] = _("Văn bản không thể có quan hệ với chính nó.")
        elif (
            self.relation_type == Relation.CONSOLIDATES
            and self.target_id
            and self.target.is_consolidated
        ):
            errors["target"] = _(
                "Văn bản hợp nhất hợp nhất văn bản gốc và các văn bản sửa đổi, bổ sung, không "
                "hợp nhất một văn bản hợp nhất khác."
            )
        if self.ends_on and self.relation_type != Relation.SUSPENDS:
            errors["ends_on"] = _(
                "Chỉ quan hệ “Đình chỉ, ngưng hiệu lực” mới có ngày ngưng hiệu lực đến hết: "
                "để trống ô này."
            )
        if errors:
            raise ValidationError(errors)
