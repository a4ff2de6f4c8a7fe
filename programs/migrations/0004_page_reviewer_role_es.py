from django.db import migrations, models

# The demo's reviewer role (then in programs/demo_content.py, now in programs/demo/program.yaml)
# as it was when this field was added, so databases loaded before it get the Spanish role without
# `load_demo --refresh`. Pages whose role an editor changed are left alone.
DEMO_ROLE = "a pediatric oncologist on our CAR T team"
DEMO_ROLE_ES = "un médico especialista en cáncer infantil de nuestro equipo de CAR T"


def fill_demo_role(apps, schema_editor):
    Page = apps.get_model("programs", "Page")
    Page.objects.filter(reviewer_role=DEMO_ROLE, reviewer_role_es="").update(
        reviewer_role_es=DEMO_ROLE_ES
    )


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0003_contentversion"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalpage",
            name="reviewer_role_es",
            field=models.CharField(
                blank=True,
                help_text="Spanish text. Leave empty to show the English text on Spanish pages.",
                max_length=120,
                verbose_name="reviewer role (Spanish)",
            ),
        ),
        migrations.AddField(
            model_name="page",
            name="reviewer_role_es",
            field=models.CharField(
                blank=True,
                help_text="Spanish text. Leave empty to show the English text on Spanish pages.",
                max_length=120,
                verbose_name="reviewer role (Spanish)",
            ),
        ),
        migrations.RunPython(fill_demo_role, migrations.RunPython.noop),
    ]
