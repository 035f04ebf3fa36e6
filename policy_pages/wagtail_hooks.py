from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import dialogue_admin, draft_report
from .draft_admin import LOG_ACTIONS as DRAFT_ACTIONS
from .draft_admin import DraftVersionViewSet
from .moderation import (
    ACTIONS,
    AnswerBulkAction,
    ApproveBulkAction,
    PendingSubmissionsPanel,
    RejectBulkAction,
    SpamBulkAction,
    moderation_buttons,
)
from .moderation_queue import AnswerViewSet, SubmissionViewSet

register_snippet(SubmissionViewSet)
register_snippet(AnswerViewSet)
for action in (ApproveBulkAction, RejectBulkAction, SpamBulkAction, AnswerBulkAction):
    hooks.register("register_bulk_action", action)
hooks.register("register_snippet_listing_buttons", moderation_buttons)


@hooks.register("register_log_actions")
def register_moderation_actions(actions):
    for action, label, message in [*ACTIONS.values(), *DRAFT_ACTIONS]:
        actions.register_action(action, label, message)


@hooks.register("construct_homepage_panels")
def add_pending_panel(request, panels):
    if request.user.has_perm("policy_pages.view_submission"):
        panels.append(PendingSubmissionsPanel())


hooks.register("register_admin_viewset", DraftVersionViewSet)


@hooks.register("register_admin_urls")
def register_draft_report():
    return draft_report.urlpatterns


@hooks.register("register_admin_urls")
def register_dialogue_screens():
    return dialogue_admin.urlpatterns


@hooks.register("register_admin_menu_item")
def register_dialogue_menu_item():
    return dialogue_admin.menu_item()
