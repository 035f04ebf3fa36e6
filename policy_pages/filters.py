"""Reader filters for the document and policy indexes, through allow-lists.

Every value a reader can put in the address is checked against what exists; anything else is
ignored (the filter is simply not applied), so a typo or a hostile value gives the full list, never
an error or a query the portal did not plan.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, Q

from core.search.query import clean_query

from .choices import DocumentStatus, DocumentType
from .models.documents import LegalDocumentPage
from .models.taxonomy import IssuingBody, LegalField
from .numbers import number_key

MAX_QUERY_LENGTH = 200
FIRST_YEAR, LAST_YEAR = 1945, 2100
# What DocumentFilters filters by, as its attributes are named.
FILTERS = ("query", "document_type", "issuing_body", "legal_field", "year", "status")


@dataclass
class DocumentFilters:
    query: str = ""
    document_type: str = ""
    issuing_body: IssuingBody | None = None
    legal_field: LegalField | None = None
    year: int | None = None
    status: str = ""
    bodies: list = field(default_factory=list)
    fields: list = field(default_factory=list)

    @classmethod
    def from_request(cls, request, bodies=None, fields=None):
        """The filters of the address; `bodies` and `fields`, when given, are the issuing bodies
        and fields already read (matching many searches reads them once)."""
        params = request.GET
        bodies = list(IssuingBody.objects.all()) if bodies is None else bodies
        fields = list(LegalField.objects.all()) if fields is None else fields
        by_slug = lambda items, slug: next((i for i in items if i.slug == slug), None)  # noqa: E731
        year = params.get("nam", "")
        return cls(
            # As the site search's: no NUL or control character (PostgreSQL refuses a NUL).
            query=clean_query(params.get("q", ""))[:MAX_QUERY_LENGTH],
            document_type=params.get("loai", "")
            if params.get("loai") in DocumentType.values
            else "",
            issuing_body=by_slug(bodies, params.get("co-quan")),
            legal_field=by_slug(fields, params.get("linh-vuc")),
            # isascii: "²" is a digit to isdigit() and no number to int().
            year=int(year)
            if year.isascii() and year.isdigit() and FIRST_YEAR <= int(year) <= LAST_YEAR
            else None,
            status=params.get("hieu-luc", "")
            if params.get("hieu-luc") in DocumentStatus.values
            else "",
            bodies=bodies,
            fields=fields,
        )

    def apply(self, documents, without=()):
        """`documents` narrowed by the filters, but those named in `without` (FILTERS), as the
        counts beside each filter's values need them (policy_pages/facets.py)."""
        chosen = {name for name in FILTERS if getattr(self, name)} - set(without)
        if "query" in chosen:
            documents = documents.filter(
                Q(number_key__contains=number_key(self.query))
                | Q(title__icontains=self.query)
                | Q(summary__icontains=self.query)
            )
        if "document_type" in chosen:
            documents = documents.filter(document_type=self.document_type)
        if "issuing_body" in chosen:
            documents = documents.filter(issuing_body=self.issuing_body)
        if "legal_field" in chosen:
            # A semi-join rather than a join: one row per document whatever else is asked of it.
            in_field = LegalDocumentPage.fields.through.objects.filter(
                legaldocumentpage=OuterRef("pk"), legalfield=self.legal_field
            )
            documents = documents.filter(Exists(in_field))
        if "year" in chosen:
            documents = documents.filter(issued_on__year=self.year)
        if "status" in chosen:
            documents = documents.filter(status=self.status)
        return documents

    def query_string(self):
        """The active filters as an address query, for pagination links ("" when none)."""
        pairs = [
            ("q", self.query),
            ("loai", self.document_type),
            ("co-quan", self.issuing_body.slug if self.issuing_body else ""),
            ("linh-vuc", self.legal_field.slug if self.legal_field else ""),
            ("nam", str(self.year) if self.year else ""),
            ("hieu-luc", self.status),
        ]
        return urlencode([(k, v) for k, v in pairs if v])

    @property
    def active(self):
        return bool(self.query_string())
