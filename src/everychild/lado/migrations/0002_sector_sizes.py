"""Starting estimates of how many people work or volunteer with children in each sector, so
the dashboard can compare referral rates. Illustrative figures for a borough of 60,000
children: replace them with local ones in the admin (LADO > Sector sizes)."""

from django.db import migrations

SIZES = {
    "education": 9000,
    "early_years": 2500,
    "health": 6000,
    "police": 800,
    "social_care": 1500,
    "foster_carer": 250,
    "faith": 1200,
    "sport": 900,
    "voluntary": 2000,
    "transport": 600,
    "other": 1000,
}


def create(apps, schema_editor):
    SectorSize = apps.get_model("lado", "SectorSize")
    for sector, workforce in SIZES.items():
        SectorSize.objects.get_or_create(
            sector=sector, defaults={"workforce": workforce, "source": "Illustrative estimate"}
        )


def remove(apps, schema_editor):
    apps.get_model("lado", "SectorSize").objects.filter(source="Illustrative estimate").delete()


class Migration(migrations.Migration):
    dependencies = [("lado", "0001_initial")]
    operations = [migrations.RunPython(create, remove)]
