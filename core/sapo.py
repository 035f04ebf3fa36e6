"""The sapo's "(Chinhphu.vn) -": every page with a sapo shows the portal's own from the site
settings, so one pasted at the start of the sapo (agency copy arrives with it) is stripped."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .admin_forms import PortalPageForm
from .models import SiteSettings

SAPO_HELP_TEXT = _(
    "Đoạn mở đầu in đậm. Tên cổng trong ngoặc, ví dụ “(Chinhphu.vn) -”, được thêm tự "
    "động ở đầu: nếu sapo dán vào đã mở đầu bằng nó, phần ấy được bỏ đi khi lưu."
)


def sapo_field():
    return models.TextField(_("sapo"), max_length=1000, help_text=SAPO_HELP_TEXT)


class SapoPageForm(PortalPageForm):
    """The admin form of a page with a sapo. Drafts are revisions, saved without the page's
    save(): the form strips too, and the editor sees the sapo as readers will."""

    def clean_sapo(self):
        page = self.instance if self.instance.path else self.parent_page
        sapo = self.cleaned_data.get("sapo")
        return SiteSettings.for_page(page).without_sapo_prefix(sapo) if page else sapo


class SapoPrefixStripped:
    """A page whose `sapo` loses a pasted prefix on every save, for imports and code that save
    without the admin form. Put before the page base in the class's bases."""

    base_form_class = SapoPageForm

    def save(self, *args, **kwargs):
        self.sapo = SiteSettings.for_page(self).without_sapo_prefix(self.sapo)
        return super().save(*args, **kwargs)
