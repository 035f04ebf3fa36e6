"""The page tree's root is a page titled "Root" by Wagtail's first migration; the admin shows that
title in every breadcrumb and chooser. It gets a Vietnamese one."""

from django.db import migrations

ROOT_TITLES = {"Root": "Gốc"}


def rename_root(apps, schema_editor, titles=ROOT_TITLES):
    Page = apps.get_model("wagtailcore", "Page")
    for old, new in titles.items():
        Page.objects.filter(depth=1, title=old).update(title=new, draft_title=new)


def restore_root(apps, schema_editor):
    rename_root(apps, schema_editor, {new: old for old, new in ROOT_TITLES.items()})


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0011_admin_search")]

    operations = [migrations.RunPython(rename_root, restore_root)]
