"""Draft versions in the admin ("Dự thảo"): officers import a version (a .docx or pasted text),
check the parsed tree and how each unit continues the previous version, and store it
unpublished; the head of the desk publishes it.

Policy officers hold add/change on draft versions; only holders of `publish_draftversion`
(Trưởng ban Chính sách) publish (migration 0011). Everyone sees only the versions of policies
whose page they may edit.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.core.signing import BadSignature
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View

from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import DeleteView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import ListingButton
from wagtail.documents import get_document_model
from wagtail.log_actions import log

from .draft_files import release
from .draft_forms import (
    DraftSourceForm,
    MatchesForm,
    VersionEditForm,
    editable_policies,
    read_source,
    sign_source,
    tree_rows,
)
from .draft_versions import next_number, previous_version, store_version, suggested_matches
from .drafting.parse import DraftFileError, parse_docx, parse_text
from .models import DraftLineage, DraftUnit, DraftVersion

ADD = "policy_pages.add_draftversion"
CHANGE = "policy_pages.change_draftversion"
PUBLISH = "policy_pages.publish_draftversion"
PUBLISH_ACTION = "policy_pages.draftversion.publish"
IMPORT_ACTION = "policy_pages.draftversion.import"
LOG_ACTIONS = [
    (IMPORT_ACTION, _("Nhập dự thảo"), _("Đã nhập dự thảo")),
    (PUBLISH_ACTION, _("Công bố dự thảo"), _("Đã công bố dự thảo")),
]
INDEX_URL = "draft_versions:index"
EDIT_URL = "draft_versions:edit"
PUBLISH_URL = "draft_versions:publish"


def versions_for(user):
    return DraftVersion.objects.filter(policy__in=editable_policies(user)).select_related(
        "policy", "source_file"
    )


def previous_units(previous):
    if previous is None:
        return []
    units = DraftUnit.objects.filter(version=previous).select_related("version")
    return list(units.order_by("position"))


def parse_source(source):
    """The tree of what the officer sent, parsed again from the text or the stored file."""
    if source.get("document"):
        document = get_document_model().objects.get(pk=source["document"])
        with document.open_file() as opened:
            return parse_docx(opened), document
    return parse_text(source["text"]), None


def publish(version, user):
    release(version)
    version.published_at = timezone.now()
    version.save(update_fields=["published_at"])
    log(instance=version, action=PUBLISH_ACTION, user=user)


@transaction.atomic
def relink(version, changes):
    """Give each unit in `changes` the lineage chosen for it (None: one of its own).

    Every changed unit first moves to a lineage of its own, so two units swapping lineages
    never meet the one-unit-per-lineage constraint half way; lineages left without a unit are
    then deleted (nothing else points at a lineage).
    """
    if not changes:
        return
    units = list(changes)
    fresh = DraftLineage.objects.bulk_create(
        DraftLineage(policy_id=version.policy_id) for _ in units
    )
    for unit, lineage in zip(units, fresh, strict=True):
        unit.lineage_id = lineage.pk
    DraftUnit.objects.bulk_update(units, ["lineage"])
    continuing = [unit for unit in units if changes[unit] is not None]
    for unit in continuing:
        unit.lineage_id = changes[unit]
    DraftUnit.objects.bulk_update(continuing, ["lineage"])
    DraftLineage.objects.filter(policy_id=version.policy_id, units__isnull=True).delete()


class DraftAdminView(View):
    """A view of the "Dự thảo" menu, refused to users without `permission` (Wagtail's admin
    answers PermissionDenied by sending them to the dashboard with a message)."""

    permission = CHANGE
    template_name = ""
    page_title = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def render(self, context, status=200):
        context = {
            "page_title": self.page_title,
            "header_icon": "doc-full",
            "index_url": reverse(INDEX_URL),
            **context,
        }
        return TemplateResponse(self.request, self.template_name, context, status=status)


class DraftImportView(DraftAdminView):
    """Step 1 (the form), step 2 (the parsed tree and the matches) and the confirmation, which
    stores the version unpublished."""

    permission = ADD
    page_title = _("Nhập dự thảo mới")

    def get(self, request):
        return self.source_step(DraftSourceForm(user=request.user))

    def post(self, request):
        if "source" in request.POST:
            return self.confirm()
        form = DraftSourceForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            return self.source_step(form)
        policy = form.cleaned_data["policy"]
        number = next_number(policy)
        document = form.store_file(request.user)
        source = form.source(document, number)
        previous = previous_version(policy, number)
        suggested = suggested_matches(previous, form.units) if previous else {}
        matches = MatchesForm(
            rows=tree_rows(form.units),
            previous=previous,
            old_units=previous_units(previous),
            suggested=suggested,
        )
        return self.preview_step(matches, source, policy, previous, document)

    def source_step(self, form, status=200, refusal=""):
        self.template_name = "policy_pages/admin/draft_import.html"
        return self.render({"form": form, "refusal": refusal}, status=status)

    def preview_step(self, form, source, policy, previous, document):
        self.template_name = "policy_pages/admin/draft_preview.html"
        return self.render(
            {
                "form": form,
                "token": sign_source(self.request.user, source),
                "policy": policy,
                "source": source,
                "drafted_on": datetime.date.fromisoformat(source["drafted_on"]),
                "previous": previous,
                "document": document,
                "number": source["number"],
            }
        )

    def refuse(self, message):
        form = DraftSourceForm(user=self.request.user)
        return self.source_step(form, status=400, refusal=message)

    def confirm(self):
        user = self.request.user
        try:
            source = read_source(user, self.request.POST["source"])
        except BadSignature:
            return self.refuse(
                _("Phiên nhập dự thảo không hợp lệ hoặc đã quá hạn. Hãy nhập lại dự thảo từ đầu.")
            )
        policy = editable_policies(user).filter(pk=source["policy"]).first()
        if policy is None:
            raise PermissionDenied
        try:
            units, document = parse_source(source)
        except (DraftFileError, OSError, get_document_model().DoesNotExist):
            return self.refuse(_("Không còn đọc được tệp dự thảo. Hãy tải tệp lên lại."))
        previous = previous_version(policy, source["number"])
        form = MatchesForm(
            self.request.POST,
            rows=tree_rows(units),
            previous=previous,
            old_units=previous_units(previous),
            suggested={},
        )
        if not form.is_valid():
            return self.preview_step(form, source, policy, previous, document)
        try:
            with transaction.atomic():
                version = store_version(
                    policy,
                    units,
                    number=source["number"],
                    drafted_on=source["drafted_on"],
                    note=source["note"],
                    source_file=document,
                    matches=form.matches(),
                )
        except IntegrityError:
            messages.warning(
                self.request,
                _("Dự thảo %(number)s của “%(policy)s” đã được lưu trước đó; không lưu lại.")
                % {"number": source["number"], "policy": policy.title},
            )
            return redirect(INDEX_URL)
        log(instance=version, action=IMPORT_ACTION, user=user)
        messages.success(
            self.request,
            _("Đã lưu %(version)s của “%(policy)s”, chưa công bố.")
            % {"version": version.label, "policy": policy.title},
        )
        return redirect(EDIT_URL, pk=version.pk)


class DraftEditView(DraftAdminView):
    """A stored version's date and note; until it is published, each unit's lineage."""

    template_name = "policy_pages/admin/draft_edit.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.version = get_object_or_404(versions_for(request.user), pk=kwargs["pk"])
        self.page_title = f"{self.version.label} · {self.version.policy.title}"

    def get_form(self, data=None):
        version = self.version
        previous = previous_version(version.policy, version.number)
        return VersionEditForm(
            data,
            instance=version,
            units=list(version.units.order_by("position")),
            previous=previous,
            old_units=previous_units(previous),
        )

    def get(self, request, pk):
        return self.render_form(self.get_form())

    def post(self, request, pk):
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        with transaction.atomic():
            form.save()
            relink(self.version, form.changes())
        messages.success(request, _("Đã lưu %(version)s.") % {"version": self.version.label})
        return redirect(EDIT_URL, pk=self.version.pk)

    def render_form(self, form):
        version = self.version
        return self.render(
            {
                "form": form,
                "version": version,
                "can_publish": self.request.user.has_perm(PUBLISH) and not version.is_published,
                "publish_url": reverse(PUBLISH_URL, args=[version.pk]),
                "report_url": reverse("policy_pages_draft_report", args=[version.policy_id]),
            }
        )


class DraftPublishView(DraftAdminView):
    """Asks, then publishes: the version reaches readers, feeds and the timeline."""

    permission = PUBLISH
    template_name = "policy_pages/admin/draft_publish.html"
    page_title = _("Công bố dự thảo")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.version = get_object_or_404(versions_for(request.user), pk=kwargs["pk"])

    def get(self, request, pk):
        return self.render({"version": self.version})

    def post(self, request, pk):
        earlier = DraftVersion.objects.filter(
            policy_id=self.version.policy_id, number__lt=self.version.number
        )
        if self.version.is_published:
            messages.warning(request, _("Dự thảo này đã được công bố."))
        elif earlier.filter(published_at__isnull=True).exists():
            # Readers compare each version with the one before: they come out in order.
            messages.warning(
                request, _("Hãy công bố các dự thảo trước của chính sách này trước dự thảo này.")
            )
        else:
            publish(self.version, request.user)
            messages.success(
                request,
                _("Đã công bố %(version)s của “%(policy)s”.")
                % {"version": self.version.label, "policy": self.version.policy.title},
            )
        return redirect(INDEX_URL)


def published_state(version):
    if version.is_published:
        return _("Đã công bố %(when)s") % {
            "when": timezone.localtime(version.published_at).strftime("%d/%m/%Y %H:%M")
        }
    return _("Chưa công bố")


class DraftVersionIndexView(IndexView):
    def get_base_queryset(self):
        return versions_for(self.request.user).order_by("policy__title", "-number")

    @cached_property
    def may_publish(self):
        return self.request.user.has_perm(PUBLISH)

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if self.may_publish and not instance.is_published:
            buttons.insert(
                0,
                ListingButton(
                    _("Công bố"), url=reverse(PUBLISH_URL, args=[instance.pk]), priority=5
                ),
            )
        buttons.append(
            ListingButton(
                _("Báo cáo góp ý"),
                url=reverse("policy_pages_draft_report", args=[instance.policy_id]),
                priority=40,
            )
        )
        return buttons


class DraftDeleteView(DeleteView):
    """A version readers commented on, or an answer names, stays: its comments hang on its
    units (the database protects them); the officer is told so instead of an error page."""

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except ProtectedError:
            messages.error(
                self.request,
                _("Không xoá được %(version)s: đã có góp ý hoặc trả lời gắn với dự thảo này.")
                % {"version": self.object.label},
            )
            return redirect(INDEX_URL)


class DraftVersionViewSet(ModelViewSet):
    model = DraftVersion
    name = "draft_versions"
    url_prefix = "du-thao"
    icon = "doc-full"
    menu_label = _("Dự thảo")
    # Between the public's comments (250) and the answers (260): the three go together.
    menu_order = 255
    add_to_admin_menu = True
    index_view_class = DraftVersionIndexView
    delete_view_class = DraftDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["drafted_on", "note"]
    list_filter = ["policy"]
    list_display = [
        "__str__",
        "policy",
        "drafted_on",
        Column("state", label=_("Trạng thái"), accessor=published_state),
    ]

    @property
    def add_view(self):
        return DraftImportView.as_view()

    @property
    def edit_view(self):
        return DraftEditView.as_view()

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("publish/<int:pk>/", DraftPublishView.as_view(), name="publish"),
        ]
