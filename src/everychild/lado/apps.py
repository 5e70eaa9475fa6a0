from everychild.core.apps import EverychildConfig


class LadoConfig(EverychildConfig):
    default = True  # (apps.py also names the base class)
    name = "everychild.lado"
    label = "lado"
    verbose_name = "Allegations against people who work with children (LADO)"
