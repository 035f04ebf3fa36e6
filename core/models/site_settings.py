from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page, Site

from ..text import strip_credit_prefix


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """The portal's identity: shown in the footer, used in sapos, feeds and metadata."""

    site_name = models.CharField(
        _("tên cổng"), max_length=200, default="Cổng Thông tin điện tử Chính phủ"
    )
    short_name = models.CharField(
        _("tên ngắn"),
        max_length=60,
        default="Chinhphu.vn",
        help_text=_("Đặt trong ngoặc ở đầu sapo, ví dụ “(Chinhphu.vn) -”."),
    )
    agency = models.CharField(_("cơ quan chủ quản"), max_length=200, default="Văn phòng Chính phủ")
    editor_in_chief = models.CharField(_("tổng biên tập"), max_length=200, blank=True)
    licence = models.CharField(
        _("giấy phép"),
        max_length=300,
        blank=True,
        help_text=_("Số giấy phép hoạt động, ngày cấp và cơ quan cấp."),
    )
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=60, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    reuse_terms = models.TextField(
        _("điều kiện sử dụng lại nội dung"),
        blank=True,
        help_text=_("Cho các cơ quan báo chí đăng lại tin, ảnh: ghi rõ nguồn như thế nào."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("site_name"), FieldPanel("short_name"), FieldPanel("agency")],
            heading=_("Tên và cơ quan"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("editor_in_chief"),
                FieldPanel("licence"),
                FieldPanel("address"),
                FieldPanel("phone"),
                FieldPanel("email"),
            ],
            heading=_("Thông tin ở chân trang"),
        ),
        FieldPanel("reuse_terms"),
    ]

    class Meta:
        verbose_name = _("thông tin cổng")

    @property
    def sapo_prefix(self):
        return f"({self.short_name}) -" if self.short_name else ""

    def without_sapo_prefix(self, sapo):
        """`sapo` without the portal's own prefix pasted at its start: the page adds it."""
        return strip_credit_prefix(sapo, self.short_name)

    @classmethod
    def for_page(cls, page):
        """The settings of the site `page` stands in, found by its tree path (set before a new
        page's first save, unlike its URL path); the default site's outside every site."""
        steps = range(Page.steplen, len(page.path or "") + 1, Page.steplen)
        site = (
            Site.objects.filter(root_page__path__in=[page.path[:end] for end in steps])
            .order_by("-root_page__depth")
            .first()
        ) or Site.objects.filter(is_default_site=True).first()
        return cls.for_site(site) if site else cls()
