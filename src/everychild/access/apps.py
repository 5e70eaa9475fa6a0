from everychild.core.apps import EverychildConfig


class AccessConfig(EverychildConfig):
    default = True  # (apps.py also names the base class)
    name = "everychild.access"
    label = "access"
    verbose_name = "Access and audit"
