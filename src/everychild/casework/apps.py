from everychild.core.apps import EverychildConfig


class CaseworkConfig(EverychildConfig):
    default = True  # (apps.py also names the base class)
    name = "everychild.casework"
    label = "casework"
    verbose_name = "Casework"
