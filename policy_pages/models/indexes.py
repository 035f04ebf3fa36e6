"""/van-ban/ and /chinh-sach/: the two doors of the policy desk."""

from django.db.models import Count, F
from django.utils.translation import gettext_lazy as _

from core import cache_tags, fragments
from core.models import BasePage, IntroductionMixin
from core.paginate import paginate

from ..choices import Stage
from .documents import LegalDocumentPage, today
from .policies import PolicyPage
from .taxonomy import IssuingBody, LegalField
from .timeline import current_stage, open_consultation_closes

DOCUMENT_PAGE_SIZE = 20
# What the document index reads from its address (policy_pages/filters.py, and the page number).
FILTER_PARAMETERS = ("q", "loai", "co-quan", "linh-vuc", "nam", "hieu-luc", "page")
POLICY_PAGE_SIZE = 20


def policies_as_of(on):
    """Live public policies, each with `stage` (reached on `on`) and `open_until` (the closing
    date of a consultation open on `on`, else NULL): the index and the home page read these."""
    return (
        PolicyPage.objects.live()
        .unrestricted()
        .annotate(stage=current_stage(on), open_until=open_consultation_closes(on))
    )


class LegalDocumentIndexPage(IntroductionMixin, BasePage):
    """Every legal document: search by number or words, filter by type, issuer, field, year and
    status, newest issue first."""

    template = "policy_pages/legal_document_index_page.html"
    parent_page_types = ["newsroom.HomePage"]
    subpage_types = ["policy_pages.LegalDocumentPage"]
    max_count = 1

    content_panels = [*BasePage.content_panels, *IntroductionMixin.introduction_panels]

    class Meta:
        verbose_name = _("trang văn bản")
        verbose_name_plural = _("trang văn bản")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The filters and the documents they find, kept apart from the page (core/fragments.py)
        # under what the reader asked for.
        asked = tuple(request.GET.get(name, "") for name in FILTER_PARAMETERS)
        context["listing"] = fragments.render_one(
            request,
            "documents",
            (self, *asked),
            "policy_pages/includes/document_listing.html",
            lambda: self.listing(request),
        )
        return context

    def listing(self, request):
        from ..facets import document_facets
        from ..filters import DocumentFilters

        cache_tags.add(
            cache_tags.under_tag(self.pk),
            cache_tags.list_tag(IssuingBody),  # the filters list every body and field
            cache_tags.list_tag(LegalField),
        )
        filters = DocumentFilters.from_request(request)
        on = today()
        documents = LegalDocumentPage.objects.published(on).child_of(self)
        facets = document_facets(documents, filters, kept=(self, on))
        page_obj = paginate(
            filters.apply(documents), request, DOCUMENT_PAGE_SIZE, count=facets.total
        )
        query = filters.query_string()
        return {
            "page": self,
            "filters": filters,
            "facets": facets,
            "page_obj": page_obj,
            "documents": page_obj.object_list,
            "query_prefix": f"{query}&" if query else "",
        }


class PolicyIndexPage(IntroductionMixin, BasePage):
    """Every policy, by stage and field, with counts; open consultations first, days left shown."""

    template = "policy_pages/policy_index_page.html"
    parent_page_types = ["newsroom.HomePage"]
    subpage_types = ["policy_pages.PolicyPage"]
    max_count = 1

    content_panels = [*BasePage.content_panels, *IntroductionMixin.introduction_panels]

    class Meta:
        verbose_name = _("trang chính sách")
        verbose_name_plural = _("trang chính sách")

    def policies(self):
        on = today()
        return (
            policies_as_of(on)
            .child_of(self)
            .select_related("drafting_agency")
            .order_by(F("open_until").asc(nulls_last=True), "-first_published_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        cache_tags.add(cache_tags.under_tag(self.pk), cache_tags.list_tag(LegalField))
        policies = self.policies()
        fields = list(LegalField.objects.all())
        stage = request.GET.get("giai-doan", "")
        stage = stage if stage in Stage.values else ""
        field_slug = request.GET.get("linh-vuc", "")
        legal_field = next((f for f in fields if f.slug == field_slug), None)
        if legal_field:
            policies = policies.filter(fields=legal_field)
        counts = dict(
            policies.order_by()
            .values_list("stage")
            .annotate(n=Count("pk"))
            .values_list("stage", "n")
        )
        if stage:
            policies = policies.filter(stage=stage)
        page_obj = paginate(policies, request, POLICY_PAGE_SIZE)
        on = today()
        for policy in page_obj.object_list:
            policy.days_left = (policy.open_until - on).days if policy.open_until else None
        query = "&".join(
            part
            for part in (
                f"giai-doan={stage}" if stage else "",
                f"linh-vuc={legal_field.slug}" if legal_field else "",
            )
            if part
        )
        context.update(
            stages=[(value, label, counts.get(value, 0)) for value, label in Stage.choices],
            total=sum(counts.values()),
            current_stage=stage,
            fields=fields,
            current_field=legal_field,
            page_obj=page_obj,
            policies=page_obj.object_list,
            query_prefix=f"{query}&" if query else "",
        )
        return context
