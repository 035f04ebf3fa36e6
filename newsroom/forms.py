"""The article's admin form: what the editor pasted, tidied before they see it again."""

from core.admin_forms import PortalPageForm
from core.models import SiteSettings


class ArticlePageForm(PortalPageForm):
    def clean_sapo(self):
        # Drafts are revisions, saved without the page's save(): the form strips too, and the
        # editor sees the sapo as readers will (after the portal's own prefix).
        page = self.instance if self.instance.path else self.parent_page
        sapo = self.cleaned_data.get("sapo")
        return SiteSettings.for_page(page).without_sapo_prefix(sapo) if page else sapo
