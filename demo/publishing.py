"""What every desk's demo content needs: publishing a page the way an editor does."""


def publish(parent, page):
    """Add `page` under `parent` and publish it as a revision, as the Publish button does."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
