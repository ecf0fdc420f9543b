"""The groups of Per Saldo's experience experts and of the forum's moderators (roles: accounts.constants).

Moderators work in the Wagtail admin: they handle the forum and requests for official status.
"""

from django.db import migrations

MODERATOR_MODELS = [
    ("forum", "question", ["change", "view"]),
    ("forum", "answer", ["change", "view"]),
    ("accounts", "officialrequest", ["change", "view"]),
]


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    perm, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ")}
    )
    return perm


def create(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.get_or_create(name="Ervaringsdeskundigen")
    moderators, _ = Group.objects.get_or_create(name="Moderatoren")
    moderators.permissions.add(permission(apps, "wagtailadmin", "admin", "access_admin"))
    for app_label, model, actions in MODERATOR_MODELS:
        for action in actions:
            moderators.permissions.add(permission(apps, app_label, model, f"{action}_{model}"))


def remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Ervaringsdeskundigen", "Moderatoren"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles_notifications"),
        ("cms", "0004_editorial_workflow"),
        ("forum", "0002_answers_parental_key"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]
    operations = [migrations.RunPython(create, remove)]
