"""Where a draft's source file waits until its version is published: a collection behind a
login, so nobody downloads it by its address before the head of the policy desk publishes the
version; publishing moves it to the library's root, where readers' downloads are served."""

from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

UNPUBLISHED_DRAFTS = "Dự thảo chưa công bố"


def unpublished_collection():
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=UNPUBLISHED_DRAFTS).first()
    if collection is None:
        collection = root.add_child(name=UNPUBLISHED_DRAFTS)
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    return collection


def keep_unpublished(upload, title, user):
    """The uploaded file as a library document, behind the login until published. Its size and
    hash are set now: left empty, the first reader's page to show its size would save the
    document, and every save of a document renews the whole page cache."""
    document = get_document_model()(
        title=title, file=upload, uploaded_by_user=user, collection=unpublished_collection()
    )
    document._set_document_file_metadata()
    document.save()
    return document


def release(version):
    """The published version's file, out where readers may download it."""
    if version.source_file_id is None:
        return
    unpublished = Collection.objects.filter(name=UNPUBLISHED_DRAFTS)
    get_document_model().objects.filter(
        pk=version.source_file_id, collection__in=unpublished
    ).update(collection=Collection.get_first_root_node())
