"""Admin panels every page type shares."""

from wagtail.admin.panels import Panel


class PageAddressPanel(Panel):
    """The page's full address under its title, following the title and the slug as they are
    typed, with a link to the slug field: Wagtail shows the slug only on the "Quảng bá" tab,
    so editors published addresses they had never seen."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "core/panels/page_address.html"

        class Media:
            js = ["js/admin/page-address.js"]
            css = {"all": ["css/admin/page-address.css"]}

        def parent_url(self):
            """The parent's address ("http://host/thoi-su/"), or None where the page would have
            none (under the tree's root, outside every site)."""
            page = self.instance
            parent = page.get_parent() if page.path else getattr(self.form, "parent_page", None)
            return parent.get_full_url(self.request) if parent else None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["parent_url"] = self.parent_url()
            context["slug"] = self.form["slug"].value() if "slug" in self.form.fields else ""
            return context
