"""Outlets in the admin (Cài đặt → Đơn vị khai thác tin): who they are, the terms they accepted,
and their key with the feed addresses to give them. The key is made by the portal and shown
read-only; "Tạo khoá mới" replaces it when it has leaked."""

from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, Panel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log
from wagtail.models import Site

from core.models import SiteSettings

from .directory import feed_directory
from .feeds import usage_terms
from .models import Outlet
from .outlet_keys import renew_key

NEW_KEY_ACTION = "syndication.outlet.new_key"
LOG_ACTIONS = [(NEW_KEY_ACTION, _("Tạo khoá mới"), _("Đã tạo khoá mới cho đơn vị"))]
KEY_PARAMETER = "k"


def default_site():
    return Site.objects.filter(is_default_site=True).first() or Site.objects.first()


def current_terms(site=None):
    """The terms every feed of the site carries now (syndication/feeds.py)."""
    site = site or default_site()
    return usage_terms(SiteSettings.for_site(site)) if site else ""


def keyed(address, key):
    return f"{address}{'&' if '?' in address else '?'}{KEY_PARAMETER}={key}"


def keyed_directory(site, key):
    """[(group heading, [(title, RSS address, Atom address)])] of every feed of /feeds/, each
    address in full with the outlet's key."""
    return [
        (
            heading,
            [
                (
                    link.title,
                    keyed(site.root_url + link.rss, key),
                    keyed(site.root_url + link.atom, key) if link.atom else "",
                )
                for link in links
            ],
        )
        for heading, links in feed_directory(site)
        if links
    ]


class OutletKeyPanel(Panel):
    """The key (read-only), the feed addresses with it, and the terms the feeds carry beside
    those the outlet accepted."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "syndication/admin/outlet_key_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            outlet = self.instance
            site = default_site()
            terms = current_terms(site)
            saved = bool(outlet.pk)
            context.update(
                {
                    "outlet": outlet,
                    "saved": saved,
                    "terms": terms,
                    "terms_differ": saved and outlet.terms_accepted.strip() != terms.strip(),
                    "new_key_url": (
                        reverse(outlet_viewset.get_url_name("new_key"), args=[outlet.pk])
                        if saved
                        else ""
                    ),
                    "feeds_url": site.root_url + reverse("syndication:feed_list") if site else "",
                    "directory": keyed_directory(site, outlet.key) if saved and site else [],
                }
            )
            return context


class LastPollColumn(Column):
    """The day of the outlet's last poll, dd/mm/yyyy (annotated by the listing's queryset)."""

    def get_value(self, instance):
        day = getattr(instance, "last_poll", None)
        return day.strftime("%d/%m/%Y") if day else _("Chưa lấy tin")


class OutletIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().annotate(last_poll=Max("usage__day"))


class OutletCreateView(generic.CreateView):
    def get_initial_form_instance(self):
        # What the outlet accepts is, unless said otherwise, the terms the feeds carry now.
        return Outlet(terms_accepted=current_terms())


def new_key(request, pk, viewset):
    """GET: what a new key does, and a button; POST: the new key, then back to the outlet."""
    outlet = get_object_or_404(Outlet, pk=pk)
    if not viewset.permission_policy.user_has_permission_for_instance(
        request.user, "change", outlet
    ):
        raise PermissionDenied
    edit_url = reverse(viewset.get_url_name("edit"), args=[outlet.pk])
    if request.method == "POST":
        renew_key(outlet)
        log(instance=outlet, action=NEW_KEY_ACTION, user=request.user)
        messages.success(
            request,
            _("Đã tạo khoá mới cho %(name)s. Hãy gửi các địa chỉ mới cho đơn vị.")
            % {"name": outlet.name},
        )
        return redirect(edit_url)
    context = {
        "page_title": _("Tạo khoá mới"),
        "page_subtitle": outlet.name,
        "header_icon": "key",
        "outlet": outlet,
        "edit_url": edit_url,
    }
    return TemplateResponse(request, "syndication/admin/new_key.html", context)


class OutletViewSet(ModelViewSet):
    model = Outlet
    icon = "site"
    menu_label = _("Đơn vị khai thác tin")
    add_to_settings_menu = True
    index_view_class = OutletIndexView
    add_view_class = OutletCreateView
    copy_view_enabled = False
    search_fields = ["name", "contact_name", "contact_email"]
    list_filter = ["active"]
    list_display = [
        "name",
        "contact_name",
        "terms_accepted_on",
        LastPollColumn("last_poll", label=_("Lấy tin gần nhất")),
        BooleanColumn("active", label=_("Đang hoạt động")),
    ]
    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldRowPanel([FieldPanel("contact_email"), FieldPanel("contact_phone")]),
            ],
            heading=_("Liên hệ"),
        ),
        MultiFieldPanel(
            [FieldPanel("terms_accepted"), FieldPanel("terms_accepted_on")],
            heading=_("Điều khoản sử dụng lại nội dung"),
        ),
        FieldPanel("active"),
        OutletKeyPanel(heading=_("Khoá và địa chỉ nguồn tin")),
    ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("new-key/<int:pk>/", self.new_key_view, name="new_key"),
        ]

    def new_key_view(self, request, pk):
        return new_key(request, pk, self)


outlet_viewset = OutletViewSet("outlets")
