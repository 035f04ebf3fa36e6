"""Reading a policy's draft versions: version n as text (`du-thao/<n>/`), the current one
(`du-thao/`), and an anchor of an old version followed to where its unit is now
(`du-thao/<n>/<anchor>/`). PolicyPage's routes call these.

Every query is made here, a fixed number of them whatever the size of the draft and the
number of comments: the versions, the units, the same lineages' units in the other versions,
and the approved comments on those lineages. The template only displays.
"""

from django.db.models import F
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from core.models import BasePage

from .draft_links import unit_comment_url
from .drafting.tree import UnitKind
from .models import DraftUnit, Submission
from .models.drafts import compare_path
from .models.participation import COMMENT
from .unit_labels import WITHIN_PARENT, unit_path

# What the table of contents lists; Khoản, Điểm and paragraphs are read in place.
CONTENTS_KINDS = {
    UnitKind.PART,
    UnitKind.CHAPTER,
    UnitKind.SECTION,
    UnitKind.SUBSECTION,
    UnitKind.ARTICLE,
}
# How a numbered unit is written before its words: "1." for a Khoản, "a)" for a Điểm.
MARKERS = {UnitKind.CLAUSE: "{}.", UnitKind.POINT: "{})"}
# What a comment shows of its sender: never the email.
PUBLIC_COMMENT_FIELDS = ("name", "organisation", "created_at", "body", "quote")


def published_versions(policy, request):
    """The versions readers may see, oldest first, each with its `url`: one query, shared with
    the policy's timeline and feed (PolicyTimeline.published_versions)."""
    base = policy.get_url(request)
    versions = policy.published_versions
    for version in versions:
        version.url = base + policy.reverse_subpage("draft_version", args=[version.number])
    return versions


def version_numbered(versions, number):
    for version in versions:
        if version.number == number:
            return version
    raise Http404(_("Không có dự thảo số %(number)s đã công bố.") % {"number": number})


def full_labels(units):
    """{pk: "Điều 5 – Khoản 2 – Điểm a"}: how the site names a unit standing alone, but a Điều
    or Chương by its number only ("Điều 5"), short enough for a link or a change's label."""
    by_pk = {unit.pk: unit for unit in units}
    return {
        unit.pk: unit_path(unit, by_pk) if unit.kind in WITHIN_PARENT else unit.label
        for unit in units
    }


def render(policy, request, template, context, status=200):
    """A draft page in the site's frame (breadcrumbs, metadata) without the policy page's own
    context, which reads its comments, form and timeline."""
    page_context = BasePage.get_context(policy, request)
    page_context["ancestors"] = [*page_context["ancestors"], policy]
    return TemplateResponse(request, template, {**page_context, **context}, status=status)


def current_version(policy, request):
    versions = published_versions(policy, request)
    if not versions:
        raise Http404(_("Chính sách này chưa công bố dự thảo nào."))
    return redirect(versions[-1].url)


def unit_in_newest(policy, request, number, anchor):
    """Unit `anchor` of version `number`, where it is in the newest version that has it: the
    newest one if its lineage reaches it (`du-thao/1/dieu-3/` -> `du-thao/2/#dieu-4`), else the
    last version it was in, which says it was left out after."""
    versions = published_versions(policy, request)
    version = version_numbered(versions, number)
    unit = version.units.filter(anchor=anchor).only("lineage_id").first()
    if unit is None:
        raise Http404(_("Dự thảo này không có điều, khoản được dẫn."))
    version_pk, anchor = (
        DraftUnit.objects.filter(lineage_id=unit.lineage_id, version__in=versions)
        .order_by("-version__number")
        .values_list("version_id", "anchor")
        .first()
    )
    url = next(v.url for v in versions if v.pk == version_pk)
    return redirect(f"{url}#{anchor}")


def public_comments(policy, lineages):
    """{lineage pk: approved comments on its units in any version, oldest first}, each with the
    `version_number` it was made on: one query. Plain rows of the public fields only: no
    sender's email is ever read for a public page."""
    comments = (
        Submission.objects.approved()
        .filter(policy=policy, kind=COMMENT, unit__lineage_id__in=lineages)
        .order_by("created_at", "pk")
        .values(
            *PUBLIC_COMMENT_FIELDS,
            version_number=F("unit__version__number"),
            lineage=F("unit__lineage_id"),
        )
    )
    found = {}
    for comment in comments:
        found.setdefault(comment["lineage"], []).append(comment)
    return found


def places_elsewhere(version, versions, lineages):
    """({lineage pk: [(url, "Dự thảo 1: Điều 3")] of its places in the versions before},
    {lineage pks the newest version has}): one query."""
    url_of = {v.number: v.url for v in versions}
    others = (
        DraftUnit.objects.filter(lineage_id__in=lineages, version__in=versions)
        .exclude(version=version)
        .annotate(version_number=F("version__number"))
        .only("lineage_id", "kind", "number", "anchor")
        .order_by("version__number")
    )
    earlier, in_newest = {}, set()
    for other in others:
        if other.version_number < version.number:
            place = _("Dự thảo %(number)s: %(label)s") % {
                "number": other.version_number,
                "label": other.label,
            }
            url = f"{url_of[other.version_number]}#{other.anchor}"
            earlier.setdefault(other.lineage_id, []).append((url, place))
        if other.version_number == versions[-1].number:
            in_newest.add(other.lineage_id)
    return earlier, in_newest


def version_page(policy, request, number):
    versions = published_versions(policy, request)
    version = version_numbered(versions, number)
    newest = versions[-1]
    is_newest = version is newest
    units = list(version.units.all())
    labels = full_labels(units)
    lineages = version.units.values("lineage_id")
    earlier, in_newest = places_elsewhere(version, versions, lineages)
    comments = public_comments(policy, lineages)
    consultation = policy.consultation
    # Comments go to the version under consultation: the newest one.
    open_for_comment = is_newest and consultation and consultation.state == "open"
    policy_url = policy.get_url(request)
    for unit in units:
        unit.full_label = labels[unit.pk]
        # A Chương or Điều is a heading; a Khoản, Điểm or paragraph reads as text.
        unit.heading_level = min(2 + unit.depth, 6) if unit.kind in CONTENTS_KINDS else None
        unit.marker = MARKERS.get(unit.kind, "{}").format(unit.number) if unit.number else ""
        unit.earlier = earlier.get(unit.lineage_id, [])
        unit.comments = comments.get(unit.lineage_id, [])
        # In an older version: where the unit is now, or None when the newest left it out.
        unit.in_newest = None if is_newest else unit.lineage_id in in_newest
        unit.newest_url = (
            policy_url + policy.reverse_subpage("draft_unit", args=[number, unit.anchor])
            if unit.in_newest
            else None
        )
        unit.comment_url = unit_comment_url(policy, unit) if open_for_comment else None
    # What changed between this version and the one before it (the next, for the first).
    compare = pair_around(versions, version)
    return render(
        policy,
        request,
        "policy_pages/draft_version.html",
        {
            "version": version,
            "versions": versions,
            "newest": newest,
            "units": units,
            "contents": [unit for unit in units if unit.kind in CONTENTS_KINDS],
            "comment_count": sum(len(unit.comments) for unit in units),
            "compare": compare,
            "compare_url": compare_url(policy, request, *compare),
            "policy_url": policy_url,
            "canonical": request.build_absolute_uri(version.url),
        },
    )


def version_links(policy, request):
    """What the policy page shows of its drafts: the published versions, newest first, and the
    comparison of the two newest. One query."""
    versions = published_versions(policy, request)
    return {
        "newest": versions[-1] if versions else None,
        "older": versions[-2::-1],
        "compare_url": compare_url(policy, request, *pair_around(versions, versions[-1]))
        if versions
        else None,
    }


def pair_around(versions, version):
    """This version and the one before it (the next one for the first); (None, None) alone."""
    if len(versions) < 2:
        return None, None
    index = versions.index(version)
    return (versions[index - 1], version) if index else (version, versions[1])


def compare_url(policy, request, old, new):
    if old is None:
        return None
    return policy.get_url(request) + compare_path(old.number, new.number)
