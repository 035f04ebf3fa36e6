"""When a dialogue's question was first shown, and the shown questions deleted since: the live
endpoint takes away only what readers saw (models/dialogues.py)."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


def shown_when_answered(apps, schema_editor):
    # A question answered before this field was shown from its answer on (a guest's answer is
    # posted only to an approved question handed to the host).
    GuestAnswer = apps.get_model("policy_pages", "GuestAnswer")
    DialogueQuestion = apps.get_model("policy_pages", "DialogueQuestion")
    for answer in GuestAnswer.objects.all().only("question_id", "answered_at"):
        DialogueQuestion.objects.filter(pk=answer.question_id).update(shown_at=answer.answered_at)


class Migration(migrations.Migration):
    dependencies = [
        ("policy_pages", "0016_dialogue_roles"),
    ]

    operations = [
        migrations.AddField(
            model_name="dialoguequestion",
            name="shown_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="hiện trên trang lúc"),
        ),
        migrations.RunPython(shown_when_answered, migrations.RunPython.noop),
        migrations.CreateModel(
            name="RemovedDialogueQuestion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("question_id", models.PositiveBigIntegerField(verbose_name="mã câu hỏi")),
                (
                    "removed_at",
                    models.DateTimeField(
                        db_index=True, default=django.utils.timezone.now, verbose_name="xóa lúc"
                    ),
                ),
                (
                    "dialogue",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="removed_questions",
                        to="policy_pages.dialoguepage",
                        verbose_name="buổi giao lưu",
                    ),
                ),
            ],
            options={
                "verbose_name": "câu hỏi giao lưu đã xóa",
                "verbose_name_plural": "câu hỏi giao lưu đã xóa",
            },
        ),
    ]
