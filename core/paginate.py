from django.core.paginator import Paginator

LISTING_PAGE_SIZE = 20


def paginate(queryset, request, per_page=LISTING_PAGE_SIZE):
    # get_page turns a missing, non-numeric or out-of-range ?page= into the first or last page.
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
