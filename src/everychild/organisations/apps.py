from everychild.core.apps import EverychildConfig


class OrganisationsConfig(EverychildConfig):
    default = True  # (apps.py also names the base class)
    name = "everychild.organisations"
    label = "organisations"
    verbose_name = "Organisations, teams and staff"
