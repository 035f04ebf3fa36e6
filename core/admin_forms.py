"""The page editor's base form: what autosave and "Lưu bản nháp" may leave for later."""

from django.forms.formsets import DELETION_FIELD_NAME

from wagtail.admin.forms import WagtailAdminPageForm


class PortalPageForm(WagtailAdminPageForm):
    """Wagtail's page form, where a draft leaves out an inline row still waiting for its choice.

    An editor presses "Thêm tác giả" and opens the chooser; autosave posts the form half a second
    later, with the new row's author still empty. Wagtail defers required fields on drafts only
    where the database could store a blank (text), so that row fails validation: autosave
    answers 400 and pauses with "Có lỗi nhập liệu" although nothing is wrong yet. A new row with
    a required field still empty is left out of the draft, as a row marked for removal is (the
    editor still sees it); publishing and submitting for review check every row.
    """

    def defer_required_fields(self):
        super().defer_required_fields()
        self.rows_left_out = []
        for formset in self.formsets.values():
            if not formset.can_delete:
                continue
            for form in formset.extra_forms:
                blank = [name for name in form.fields if _is_blank_and_required(form, name)]
                for name in blank:
                    form.fields[name].required = False
                if blank:
                    self.rows_left_out.append((form, blank))

    def is_valid(self):
        valid = super().is_valid()
        for form, _blank in getattr(self, "rows_left_out", ()):
            if form.is_valid():
                form.cleaned_data[DELETION_FIELD_NAME] = True
        return valid

    def restore_required_fields(self):
        for form, blank in getattr(self, "rows_left_out", ()):
            for name in blank:
                form.fields[name].required = True
        self.rows_left_out = []
        super().restore_required_fields()


def _is_blank_and_required(form, name):
    field = form.fields[name]
    value = field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
    return field.required and value in field.empty_values
