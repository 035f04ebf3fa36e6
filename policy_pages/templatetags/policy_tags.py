from django import template

from ..choices import DocumentStatus, Stage, label_of
from ..models.documents import LegalDocumentPage
from ..models.indexes import LegalDocumentIndexPage

register = template.Library()


@register.filter
def status_label(status):
    """ "Còn hiệu lực" for "con-hieu-luc"."""
    return label_of(DocumentStatus, status)


@register.filter
def stage_label(stage):
    """ "Lấy ý kiến nhân dân" for "lay-y-kien"."""
    return label_of(Stage, stage)


@register.inclusion_tag("policy_pages/includes/latest_documents.html")
def latest_legal_documents(count=5):
    """The newest documents for the home page; the newsroom's templates show them without the
    newsroom's code importing the policy desk."""
    documents = list(LegalDocumentPage.objects.published()[:count])
    index = LegalDocumentIndexPage.objects.live().first() if documents else None
    return {"documents": documents, "index": index}
