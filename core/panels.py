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


class CitationsPanel(Panel):
    """The legal documents the page's text cites (core.registry.citations_in), each found on
    the portal with its status, not found, or found twice, so the editor sees before publishing
    which citations will link and which will stay plain text (a mistyped number, a document not
    yet on the portal, a number two issuers share). Read from the saved draft: saving again
    reads the new text."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "core/panels/citations.html"

        def get_context_data(self, parent_context=None):
            from . import registry

            context = super().get_context_data(parent_context)
            citations = registry.citations_in(self.instance)
            report = citations.report if citations else []
            context["found"] = [(c, d) for c, d, _several in report if d is not None]
            context["missing"] = [c for c, d, several in report if d is None and not several]
            context["ambiguous"] = [c for c, d, several in report if several]
            return context
