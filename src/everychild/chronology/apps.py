from everychild.core.apps import EverychildConfig


class ChronologyConfig(EverychildConfig):
    default = True  # (apps.py also names the base class)
    name = "everychild.chronology"
    label = "chronology"
    verbose_name = "Chronology"
