"""The policy desk's block on the home page (core/registry.py): the newest legal documents."""

from .models.documents import LegalDocumentPage
from .models.indexes import LegalDocumentIndexPage

LATEST_DOCUMENTS_COUNT = 5


def latest_documents(request):
    documents = list(LegalDocumentPage.objects.published()[:LATEST_DOCUMENTS_COUNT])
    index = LegalDocumentIndexPage.objects.live().unrestricted().first() if documents else None
    return {"documents": documents, "index": index}
