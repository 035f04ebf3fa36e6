"""The policy desk's models: issuers and fields, legal documents, policies, and their indexes.

Inside the package dependencies point one way:
taxonomy <- documents <- participation <- policies <- indexes.
"""

from .documents import (
    DOCUMENT_TYPES,
    STATUSES,
    LegalDocumentAttachment,
    LegalDocumentPage,
    LegalDocumentRelation,
)
from .indexes import LegalDocumentIndexPage, PolicyIndexPage
from .participation import Answer, DraftPart, Submission
from .policies import (
    STAGES,
    PolicyDraftFile,
    PolicyGuidanceNote,
    PolicyLegalDocument,
    PolicyMilestone,
    PolicyPage,
    PolicyQuestion,
    PolicyRelatedArticle,
    PolicyTopic,
)
from .taxonomy import IssuingBody, LegalField

__all__ = [
    "DOCUMENT_TYPES",
    "Answer",
    "DraftPart",
    "Submission",
    "STAGES",
    "STATUSES",
    "IssuingBody",
    "LegalDocumentAttachment",
    "LegalDocumentIndexPage",
    "LegalDocumentPage",
    "LegalDocumentRelation",
    "LegalField",
    "PolicyDraftFile",
    "PolicyGuidanceNote",
    "PolicyIndexPage",
    "PolicyLegalDocument",
    "PolicyMilestone",
    "PolicyPage",
    "PolicyQuestion",
    "PolicyRelatedArticle",
    "PolicyTopic",
]
