from everychild.core.apps import EverychildConfig


class RecordConfig(EverychildConfig):
    default = True  # (apps.py also names the base class)
    name = "everychild.record"
    label = "record"
    verbose_name = "The child's record and home pages"
