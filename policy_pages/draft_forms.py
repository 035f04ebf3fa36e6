"""The forms officers import and correct a draft version with.

Between the preview and the confirmation the draft travels as a signed token holding what the
officer sent (the pasted text, or the stored document's id), never as a tree: the confirmation
parses it again, so nothing a browser sends can put units or lineages into the database.
"""

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from wagtail.admin.widgets import AdminDateInput
from wagtail.permission_policies.pages import PagePermissionPolicy

from .draft_files import keep_unpublished
from .drafting.parse import DraftFileError, parse_docx, parse_text
from .drafting.tree import UnitKind, assign_anchors
from .models import DraftVersion, PolicyPage
from .unit_labels import unit_with_version

SIGNING_SALT = "policy_pages.draft_import"
# Long enough for an officer who checks a hundred articles' matches over lunch.
SOURCE_MAX_AGE = 24 * 3600
NEW = ""
NEW_LABEL = _("Mới (không nối với dự thảo trước)")


def editable_policies(user):
    """Policies whose page `user` may edit: the only ones whose drafts they may import."""
    pages = PagePermissionPolicy(PolicyPage).instances_user_has_any_permission_for(user, ["change"])
    return PolicyPage.objects.filter(pk__in=pages.values("pk")).order_by("title")


def sign_source(user, source):
    return signing.dumps(source, salt=f"{SIGNING_SALT}:{user.pk}", compress=True)


def read_source(user, token):
    """What `sign_source` signed for this user, or BadSignature (forged, altered, expired or
    signed for someone else)."""
    return signing.loads(token or "", salt=f"{SIGNING_SALT}:{user.pk}", max_age=SOURCE_MAX_AGE)


def first_words(text, count=12):
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def match_choices(old_units):
    """{kind: [(pk, "Dự thảo 1 · Điều 5 – Khoản 2: first words")]}: what a new unit of each
    kind may continue. A unit without a name shows its first words, to tell it from its
    neighbours."""
    by_pk = {unit.pk: unit for unit in old_units}
    choices = {}
    for unit in old_units:
        label = unit_with_version(unit, by_pk)
        if unit.text and not unit.title and unit.kind != UnitKind.PARAGRAPH:
            label = f"{label}: {first_words(unit.text, 8)}"
        choices.setdefault(unit.kind, []).append((str(unit.pk), label))
    return choices


def tree_rows(units):
    """[(unit, anchor, depth)] of a parsed tree in reading order: the preview's lines."""
    depth_of = {}

    def visit(unit, depth):
        depth_of[id(unit)] = depth
        for child in unit.children:
            visit(child, depth + 1)

    for unit in units:
        visit(unit, 0)
    return [(unit, anchor, depth_of[id(unit)]) for unit, anchor in assign_anchors(units)]


class DraftSourceForm(forms.Form):
    """Step 1: which policy, when, why, and the text (a .docx file or pasted)."""

    policy = forms.ModelChoiceField(
        label=_("Chính sách"), queryset=PolicyPage.objects.none(), empty_label=None
    )
    drafted_on = forms.DateField(label=_("Ngày dự thảo"), widget=AdminDateInput)
    note = forms.CharField(
        label=_("Ghi chú"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Dự thảo này khác dự thảo trước ở đâu, vì sao."),
    )
    source_file = forms.FileField(
        label=_("Tệp dự thảo (.docx)"),
        required=False,
        help_text=_("Bạn đọc tải được tệp này bên cạnh toàn văn dự thảo."),
    )
    text = forms.CharField(
        label=_("Hoặc dán toàn văn dự thảo"),
        required=False,
        max_length=1_000_000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Mỗi chương, điều, khoản, điểm bắt đầu một dòng mới."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["policy"].queryset = editable_policies(user)
        self.units = []

    def clean(self):
        cleaned = super().clean()
        upload, text = cleaned.get("source_file"), (cleaned.get("text") or "").strip()
        if bool(upload) == bool(text):
            raise forms.ValidationError(
                _("Hãy tải lên một tệp .docx hoặc dán toàn văn, một trong hai.")
            )
        if upload:
            try:
                self.units = parse_docx(upload)
            except DraftFileError as error:
                self.add_error("source_file", str(error))
                return cleaned
            upload.seek(0)
        else:
            self.units = parse_text(text)
            cleaned["text"] = text
        if not self.units:
            raise forms.ValidationError(
                _("Không đọc được chương, điều, khoản nào trong dự thảo. Hãy kiểm tra lại văn bản.")
            )
        return cleaned

    def store_file(self, user):
        """The uploaded file as a document of the library, for readers to download."""
        data = self.cleaned_data
        upload = data.get("source_file")
        if not upload:
            return None
        title = f"{data['policy'].title} - dự thảo ngày {data['drafted_on']:%d/%m/%Y}"
        return keep_unpublished(upload, title, user)

    def source(self, document, number):
        """What the confirmation needs, to be signed: the version's number is fixed now, so a
        confirmation sent twice (or after someone else's import) stores nothing twice."""
        data = self.cleaned_data
        return {
            "policy": data["policy"].pk,
            "number": number,
            "drafted_on": data["drafted_on"].isoformat(),
            "note": data["note"],
            "document": document.pk if document else None,
            "text": None if document else data["text"],
        }


def unit_match_field(kind, choices, initial):
    return forms.ChoiceField(
        label=_("Nối với"),
        required=False,
        choices=[(NEW, NEW_LABEL), *choices.get(kind, [])],
        initial=initial,
    )


def refuse_shared_matches(cleaned):
    """store_version would quietly give the old unit to the first claimant only: the officer
    is asked to choose instead."""
    chosen = [value for name, value in cleaned.items() if name.startswith("match-") and value]
    if len(chosen) != len(set(chosen)):
        raise forms.ValidationError(
            _("Hai đơn vị không thể cùng nối với một đơn vị của dự thảo trước.")
        )


class MatchesForm(forms.Form):
    """Step 2: for each unit of the new text, the previous version's unit it continues.

    Field names are the units' anchors, so the form is rebuilt from the same parsed text on
    every request; a value that is not one of the offered units is refused by ChoiceField.
    """

    def __init__(self, *args, rows, previous, old_units, suggested, **kwargs):
        super().__init__(*args, **kwargs)
        self.by_pk = {str(unit.pk): unit for unit in old_units}
        self.rows = []
        choices = match_choices(old_units)
        for unit, anchor, depth in rows:
            field = None
            if previous is not None:
                old = suggested.get(anchor)
                name = f"match-{anchor}"
                self.fields[name] = unit_match_field(
                    unit.kind, choices, str(old.pk) if old else NEW
                )
                field = self[name]
            self.rows.append(
                {
                    "unit": unit,
                    "anchor": anchor,
                    "depth": depth,
                    "words": first_words(unit.text),
                    "field": field,
                }
            )

    def clean(self):
        cleaned = super().clean()
        refuse_shared_matches(cleaned)
        return cleaned

    def matches(self):
        """{anchor: the old DraftUnit}, as store_version takes it."""
        return {
            name.removeprefix("match-"): self.by_pk[value]
            for name, value in self.cleaned_data.items()
            if value
        }


class VersionEditForm(forms.ModelForm):
    """A stored version's date and note, and until it is published the lineage of each unit."""

    class Meta:
        model = DraftVersion
        fields = ["drafted_on", "note"]
        widgets = {"drafted_on": AdminDateInput, "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, units, previous, old_units, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units
        self.old_by_pk = {str(unit.pk): unit for unit in old_units}
        old_by_lineage = {unit.lineage_id: unit for unit in old_units}
        self.rows = []
        choices = match_choices(old_units)
        for unit in units:
            field = None
            if previous is not None and not self.instance.is_published:
                old = old_by_lineage.get(unit.lineage_id)
                name = f"match-{unit.pk}"
                self.fields[name] = unit_match_field(
                    unit.kind, choices, str(old.pk) if old else NEW
                )
                field = self[name]
            self.rows.append({"unit": unit, "words": first_words(unit.text), "field": field})

    def clean(self):
        cleaned = super().clean()
        refuse_shared_matches(cleaned)
        return cleaned

    def changes(self):
        """{unit: the lineage id it now continues, or None for a lineage of its own}, for the
        units whose choice differs from what is stored."""
        old_lineages = {unit.lineage_id for unit in self.old_by_pk.values()}
        changed = {}
        for unit in self.units:
            name = f"match-{unit.pk}"
            if name not in self.fields:
                continue
            value = self.cleaned_data.get(name)
            target = self.old_by_pk[value].lineage_id if value else None
            if target is None and unit.lineage_id in old_lineages:
                changed[unit] = None
            elif target is not None and target != unit.lineage_id:
                changed[unit] = target
        return changed
