"""What cites a legal document: the public pages whose published text cites it, newest first."""

from django.db.models import F

from core import cache_tags
from core.paginate import paginate
from core.privacy import all_pages

from ..models.citations import Citation
from .tags import cited_by_tag

CITING_PAGE_SIZE = 10


def citing_pages(document):
    """Live public pages citing `document` (by its number, or by type, number and year, when no
    other document has it), the newest published first."""
    sources = Citation.of_document(document).values("source_id")
    return (
        all_pages()
        .live()
        .unrestricted()
        .filter(pk__in=sources)
        .order_by(F("first_published_at").desc(nulls_last=True), "-pk")
    )


def citing_page(document, request):
    """The page of `citing_pages()` the reader asked for (?page=), each page specific: the
    list renews when a page citing the document is published or withdrawn."""
    cache_tags.add(cited_by_tag(document.pk))
    page_obj = paginate(citing_pages(document).specific(), request, CITING_PAGE_SIZE)
    cache_tags.add_pages(*(page.pk for page in page_obj.object_list))
    return page_obj
