"""Editorial roles and workflow: Redacteuren write and submit, Eindredactie approves and publishes."""

from django.db import migrations

EDITORS = "Redacteuren"
FINAL_EDITORS = "Eindredactie"
WORKFLOW = "Redactieproces"
TASK = "Goedkeuring eindredactie"


def permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    perm, _ = Permission.objects.get_or_create(content_type=content_type, codename=codename, defaults={"name": name})
    return perm


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    home = Page.objects.filter(depth=2, content_type__app_label="cms", content_type__model="homepage").first()
    root_collection = Collection.objects.filter(depth=1).first()
    access_admin = permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")

    page_perms = {
        EDITORS: ["add_page", "change_page"],
        FINAL_EDITORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    }
    model_perms = {
        EDITORS: [("cms", "law", ["add", "change", "view"]), ("cms", "theme", ["add", "change", "view"]),
                  ("cms", "municipality", ["view"])],
        FINAL_EDITORS: [("cms", "law", ["add", "change", "view"]), ("cms", "theme", ["add", "change", "view"]),
                        ("cms", "municipality", ["view"]), ("forum", "question", ["change", "view"]),
                        ("forum", "answer", ["change", "view"])],
    }
    groups = {}
    for name in (EDITORS, FINAL_EDITORS):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.add(access_admin)
        for app_label, model, actions in model_perms[name]:
            for action in actions:
                group.permissions.add(permission(apps, app_label, model, f"{action}_{model}", f"Can {action} {model}"))
        if home is not None:
            for codename in page_perms[name]:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=home,
                    permission=permission(apps, "wagtailcore", "page", codename, codename.replace("_", " ")),
                )
        if root_collection is not None:
            for app_label, model in (("wagtaildocs", "document"), ("wagtailimages", "image")):
                for action in ("add", "change", "choose"):
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root_collection,
                        permission=permission(apps, app_label, model, f"{action}_{model}", f"Can {action} {model}"),
                    )

    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type, active=True)
    task.groups.set([groups[FINAL_EDITORS]])
    workflow = Workflow.objects.create(name=WORKFLOW, active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    if home is not None:
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_site_structure"),
        ("media", "0002_listings"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
