"""The legal document's editor form: what no single relation row can check alone, because it
depends on the document being edited (its type, its dates), which a new row does not know yet."""

from django.utils.translation import gettext_lazy as _

from core.admin_forms import PortalPageForm

from ..choices import DocumentType, Relation


class LegalDocumentPageForm(PortalPageForm):
    """A consolidated text only consolidates, and only a consolidated text does; a suspension
    ends no earlier than the suspending document comes into force."""

    def clean(self):
        cleaned_data = super().clean()
        relations = self.formsets.get("relations")
        if relations is None or not hasattr(relations, "forms"):
            return cleaned_data
        consolidated = cleaned_data.get("document_type") == DocumentType.CONSOLIDATED
        in_force_from = cleaned_data.get("effective_on") or cleaned_data.get("issued_on")
        for form in relations.forms:
            if not form.is_valid() or form.cleaned_data.get("DELETE"):
                continue
            relation_type = form.cleaned_data.get("relation_type")
            ends_on = form.cleaned_data.get("ends_on")
            if consolidated and relation_type and relation_type != Relation.CONSOLIDATES:
                form.add_error(
                    "relation_type",
                    _(
                        "Văn bản hợp nhất không sửa đổi, thay thế hay bãi bỏ văn bản nào: chỉ "
                        "chọn quan hệ “Hợp nhất” với văn bản gốc và các văn bản sửa đổi, bổ sung."
                    ),
                )
            elif not consolidated and relation_type == Relation.CONSOLIDATES:
                form.add_error(
                    "relation_type",
                    _(
                        "Chỉ văn bản hợp nhất mới có quan hệ “Hợp nhất”: chọn loại văn bản "
                        "“Văn bản hợp nhất” hoặc một quan hệ khác."
                    ),
                )
            if ends_on and in_force_from and ends_on < in_force_from:
                form.add_error(
                    "ends_on",
                    _(
                        "Văn bản chỉ bị ngưng hiệu lực từ ngày văn bản này có hiệu lực "
                        "(%(date)s): ngày ngưng hiệu lực đến hết không thể trước ngày đó."
                    )
                    % {"date": in_force_from.strftime("%d/%m/%Y")},
                )
        return cleaned_data
