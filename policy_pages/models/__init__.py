"""The policy desk's models: issuers and fields, legal documents, policies, and their indexes.

Inside the package dependencies point one way, each module importing only those before it:
taxonomy, files, citations (which pages cite which numbers), document_status (a document's
status on a day) <- document_form, document_relations (how a document shows its relations) <-
documents <- drafts <- participation <- dialogues (online dialogues, which also import newsroom)
<- policy_items <- timeline <- policy_api <- policies <-
indexes. The fixed lists (document
types, stages, the public's kinds and states…) are TextChoices in policy_pages/choices.py, which
imports nothing of the desk.
"""

from .citations import Citation
from .dialogues import (
    DialogueGuest,
    DialoguePage,
    DialogueQuestion,
    GuestAnswer,
    RemovedDialogueQuestion,
)
from .documents import (
    LegalDocumentAttachment,
    LegalDocumentPage,
    LegalDocumentRelation,
)
from .drafts import DraftLineage, DraftUnit, DraftVersion
from .indexes import LegalDocumentIndexPage, PolicyIndexPage
from .participation import Answer, Submission
from .policies import PolicyPage
from .policy_items import (
    PolicyDraftFile,
    PolicyGuidanceNote,
    PolicyLegalDocument,
    PolicyQuestion,
    PolicyRelatedArticle,
    PolicyTopic,
)
from .taxonomy import IssuingBody, LegalField
from .timeline import PolicyMilestone

__all__ = [
    "Answer",
    "Citation",
    "DialogueGuest",
    "DialoguePage",
    "DialogueQuestion",
    "RemovedDialogueQuestion",
    "DraftLineage",
    "DraftUnit",
    "DraftVersion",
    "GuestAnswer",
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
    "Submission",
]
