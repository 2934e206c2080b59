"""The library's fixed vocabularies, the editors' and moderators' groups and their workflow.

The vocabularies come from the centre's mandate (stakeholder types, collaboration forms and
stages, resource types); editors may rename them but the slugs stay. The groups and the
"Moderators approve" workflow apply to practices, cases and partner profiles.
"""

from django.db import migrations

STAKEHOLDER_TYPES = [
    ("sse-enterprises", "Entreprises de l'ÉSS", "SSE enterprises", "Empresas de la ESS", "사회연대경제 기업"),
    ("national-regional-governments", "Gouvernements nationaux et régionaux", "National and regional governments",
     "Gobiernos nacionales y regionales", "중앙정부 및 광역정부"),
    ("local-governments", "Gouvernements locaux et organismes de développement local",
     "Local governments and local development bodies", "Gobiernos locales y organismos de desarrollo local",
     "지방정부 및 지역개발 기관"),
    ("unions", "Syndicats", "Trade unions", "Sindicatos", "노동조합"),
    ("employers-associations", "Associations patronales", "Employers' associations", "Asociaciones empresariales",
     "사용자 단체"),
    ("social-movements", "Mouvements sociaux", "Social movements", "Movimientos sociales", "사회운동"),
    ("international-ngos", "ONG internationales", "International NGOs", "ONG internacionales", "국제 비정부기구"),
    ("universities-researchers", "Universités et chercheurs", "Universities and researchers",
     "Universidades e investigadores", "대학 및 연구자"),
]

COLLABORATION_FORMS = [
    ("partnership", "Partenariat", "Partnership", "Alianza de colaboración", "파트너십"),
    ("network", "Réseau", "Network", "Red", "네트워크"),
    ("federation", "Fédération ou confédération", "Federation or confederation", "Federación o confederación",
     "연합회 또는 총연합회"),
]

COLLABORATION_STAGES = [
    ("know-needs", "Connaître les besoins du territoire", "Know the territory's needs",
     "Conocer las necesidades del territorio", "지역의 필요 파악하기"),
    ("build-solutions", "Construire des solutions ensemble", "Build solutions together",
     "Construir soluciones en común", "함께 해법 만들기"),
    ("involve-inhabitants", "Impliquer les habitants", "Involve inhabitants", "Implicar a la población",
     "주민 참여 이끌기"),
    ("manage-jointly", "Gérer conjointement", "Manage jointly", "Gestionar de forma conjunta", "공동으로 운영하기"),
    ("evaluate-together", "Évaluer ensemble", "Evaluate together", "Evaluar en común", "함께 평가하기"),
]

RESOURCE_TYPES = [
    ("publication", "Publication", "Publication", "Publicación", "출판물"),
    ("video", "Vidéo", "Video", "Vídeo", "영상"),
    ("teaching-tool", "Outil pédagogique", "Teaching tool", "Herramienta pedagógica", "교육 도구"),
    ("proposals", "Propositions", "Proposals", "Propuestas", "정책 제안"),
    ("case-study", "Étude de cas", "Case study", "Estudio de caso", "사례 연구"),
    ("working-paper", "Document de travail", "Working paper", "Documento de trabajo", "연구 보고서"),
    ("public-intervention", "Intervention publique", "Public intervention", "Intervención pública", "공공 개입"),
]

EDITED_MODELS = [
    ("practices", "goodpractice"),
    ("practices", "collaborationcase"),
    ("partners", "partner"),
]
TAXONOMY_MODELS = [
    ("practices", name)
    for name in ("theme", "territory", "stakeholdertype", "collaborationform", "collaborationstage", "resourcetype")
]
DOCUMENT_MODELS = [("practices", "goodpracticedocument"), ("practices", "collaborationcasedocument")]

GROUP_EDITORS = "Editors"
GROUP_MODERATORS = "Moderators"
WORKFLOW_NAME = "Moderators approve"


def fill_terms(apps, model_name, rows, with_order=False):
    Model = apps.get_model("practices", model_name)
    for position, (slug, fr, en, es, ko) in enumerate(rows, start=1):
        values = {"name": fr, "name_fr": fr, "name_en": en, "name_es": es, "name_ko": ko}
        if with_order:
            values["order"] = position
        Model.objects.get_or_create(slug=slug, defaults=values)


def permission(apps, app_label, model, action):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
    codename = f"{action}_{model}"
    perm, _created = Permission.objects.get_or_create(
        content_type=content_type, codename=codename,
        defaults={"name": f"Can {action} {model}"},
    )
    return perm


def create_groups_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    admin_ct, _created = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _created = Permission.objects.get_or_create(
        content_type=admin_ct, codename="access_admin", defaults={"name": "Can access Wagtail admin"},
    )

    editor_perms = [access_admin]
    for app_label, model in EDITED_MODELS + DOCUMENT_MODELS:
        editor_perms += [permission(apps, app_label, model, action) for action in ("add", "change", "view")]
    for app_label, model in EDITED_MODELS:
        editor_perms.append(permission(apps, app_label, model, "lock"))
    for app_label, model in TAXONOMY_MODELS:
        editor_perms.append(permission(apps, app_label, model, "view"))

    moderator_perms = list(editor_perms)
    for app_label, model in EDITED_MODELS:
        moderator_perms += [permission(apps, app_label, model, action) for action in ("publish", "unlock", "delete")]
    for app_label, model in TAXONOMY_MODELS + DOCUMENT_MODELS:
        moderator_perms += [permission(apps, app_label, model, action) for action in ("add", "change", "delete")]

    editors, _created = Group.objects.get_or_create(name=GROUP_EDITORS)
    editors.permissions.add(*editor_perms)
    moderators, _created = Group.objects.get_or_create(name=GROUP_MODERATORS)
    moderators.permissions.add(*moderator_perms)

    # Images and documents for the items: both groups upload and choose them in every collection.
    root = Collection.objects.filter(depth=1).first()
    if root is not None:
        media = [
            ("wagtailimages", "image", ("add", "change", "choose")),
            ("wagtaildocs", "document", ("add", "change", "choose")),
        ]
        for group in (editors, moderators):
            for app_label, model, actions in media:
                for action in actions:
                    GroupCollectionPermission.objects.get_or_create(
                        group=group, collection=root, permission=permission(apps, app_label, model, action),
                    )

    task_ct, _created = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME, content_type=task_ct, active=True)
    task.groups.add(moderators)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for app_label, model in EDITED_MODELS:
        content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
        WorkflowContentType.objects.get_or_create(content_type=content_type, defaults={"workflow": workflow})


def forwards(apps, schema_editor):
    fill_terms(apps, "StakeholderType", STAKEHOLDER_TYPES)
    fill_terms(apps, "CollaborationForm", COLLABORATION_FORMS)
    fill_terms(apps, "CollaborationStage", COLLABORATION_STAGES, with_order=True)
    fill_terms(apps, "ResourceType", RESOURCE_TYPES)
    create_groups_and_workflow(apps, schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ("practices", "0001_initial"),
        ("partners", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
